// main() of an executable that hosts one app compiled into it (dashcpp_add_in_process_app): the
// app's DASH_PLUGIN, built with DASH_PLUGIN_IN_PROCESS, defines dash_in_process_entry().
#include "app/host_main.hpp"

const dash_plugin_descriptor* dash_in_process_entry(void);

int main(int argc, char** argv) { return dash::core::run_host(argc, argv, {&dash_in_process_entry}); }
