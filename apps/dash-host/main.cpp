// dash-host: serves a Dash app assembled from plugins by a deployment config.
#include "app/host_main.hpp"

int main(int argc, char** argv) { return dash::core::run_host(argc, argv); }
