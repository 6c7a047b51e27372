// dash-host: serves a Dash app assembled from plugins by a deployment config.
#include <dash/core/server.hpp>

int main(int argc, char** argv) { return dash::core::run_host(argc, argv); }
