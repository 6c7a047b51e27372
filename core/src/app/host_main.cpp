// The host's main(): command line, config, logging, app build, HTTP server, clean shutdown.
#include "app/host_main.hpp"

#include "app/app_builder.hpp"
#include "app/router.hpp"
#include "app/websocket_callbacks.hpp"
#include "callbacks/dispatch.hpp"
#include "errors.hpp"
#include "http/server.hpp"
#include "util/memory_trimmer.hpp"

#include <dash/ext/services.h>
#include <dash/json.hpp>
#include <dash/writer.hpp>

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <unistd.h>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

namespace fs = std::filesystem;

namespace dash::core {

namespace {

const char* const usage = R"(usage: dash-host --config FILE [--host H] [--port N] [--debug]

Serves a Dash app made of plugins, as the deployment config FILE describes.

  --config FILE   the deployment config (JSON); see docs/configuration.md
  --host H        listen address (overrides server.host and HOST)
  --port N        listen port (overrides server.port and PORT)
  --debug         dev-tools defaults on (as app.run(debug=True))
  --csp-hashes [sha256|sha384|sha512]
                  print the CSP hashes of the page's inline scripts and exit
                  (needs a plugin providing the service dash.csp/2)
  --help          this text
  --version       print versions and exit
)";

struct CommandLine {
    std::string config;
    std::optional<std::string> host;
    std::optional<int> port;
    bool debug = false;
    std::optional<std::string> csp_hashes;  // algorithm
};

// Returns nullopt after printing help/version; throws on bad arguments.
std::optional<CommandLine> parse_command_line(int argc, char** argv) {
    CommandLine line;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw invalid_config(arg + " needs a value\n" + usage);
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            std::cout << usage;
            return std::nullopt;
        } else if (arg == "--version") {
            std::cout << "dash-host " << DASHCPP_VERSION << " (Dash protocol " << DASHCPP_DASH_VERSION << ", ABI "
                      << DASH_ABI_MAJOR << "." << DASH_ABI_MINOR << ")\n";
            return std::nullopt;
        } else if (arg == "--config") {
            line.config = value();
        } else if (arg == "--host") {
            line.host = value();
        } else if (arg == "--port") {
            const std::string text = value();
            char* end = nullptr;
            const long port = std::strtol(text.c_str(), &end, 10);
            if (*end || port < 0 || port > 65535) throw invalid_config("--port must be 0-65535, got '" + text + "'");
            line.port = static_cast<int>(port);
        } else if (arg == "--debug") {
            line.debug = true;
        } else if (arg == "--csp-hashes") {
            line.csp_hashes = (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) ? argv[++i] : "sha256";
        } else {
            throw invalid_config("unknown argument '" + arg + "'\n" + usage);
        }
    }
    if (line.config.empty()) throw invalid_config(std::string("--config FILE is required\n") + usage);
    return line;
}

// Where the build (or the install) keeps plugins and front-end files, from the executable's path.
fs::path executable_dir() {
    std::error_code error;
    fs::path self = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::current_path() : self.parent_path();
}

void apply_defaults(DeploymentConfig& config) {
    const fs::path exe = executable_dir();
    if (config.share_dir.empty()) {
        config.share_dir = (exe / ".." / "share" / "dashcpp").lexically_normal().string();
    } else if (fs::path(config.share_dir).is_relative()) {
        config.share_dir = (fs::path(config.config_dir) / config.share_dir).lexically_normal().string();
    }
    if (const char* extra = std::getenv("DASH_PLUGIN_PATH")) {
        std::string list(extra);
        for (size_t start = 0; start <= list.size();) {
            size_t end = list.find(':', start);
            if (end == std::string::npos) end = list.size();
            if (end > start) config.plugin_dirs.push_back(list.substr(start, end - start));
            start = end + 1;
        }
    }
    config.plugin_dirs.push_back((exe / ".." / "plugins").lexically_normal().string());
    config.plugin_dirs.push_back((exe / ".." / "lib" / "dashcpp" / "plugins").lexically_normal().string());
}

// The log is asynchronous: a request thread formats its line and queues it; one logging thread
// writes (the queue blocks when full, so no line is lost). spdlog::shutdown() at exit flushes it.
void setup_logging(const std::string& level) {
    spdlog::init_thread_pool(8192, 1);
    auto logger = spdlog::stderr_color_mt<spdlog::async_factory>("dash");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(level));
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
}

std::vector<std::shared_ptr<PluginInstance>> adopt_static(const std::vector<dash_plugin_entry_fn>& entries) {
    std::vector<std::shared_ptr<PluginInstance>> plugins;
    for (auto entry : entries) plugins.push_back(adopt_descriptor(entry(), "in-process plugin"));
    return plugins;
}

// The csp_hashes of the app through whichever plugin offers the "dash.csp/2" service (or the
// self-less "dash.csp/1" of older providers).
int print_csp_hashes(const AppState& app, const std::string& algorithm) {
    dash::StringWriter out;
    dash_status status = DASH_UNSUPPORTED;
    if (const auto v2 = app.services.find(DASH_SERVICE_CSP); v2 != app.services.end()) {
        const auto* service = static_cast<const dash_csp_v2*>(v2->second);
        if (service->struct_size >= sizeof(dash_csp_v2))
            status = service->hashes(service->self, algorithm.c_str(), &out.writer);
    } else if (const auto v1 = app.services.find(DASH_SERVICE_CSP_V1); v1 != app.services.end()) {
        const auto* service = static_cast<const dash_csp_v1*>(v1->second);
        if (service->struct_size >= sizeof(dash_csp_v1)) status = service->hashes(algorithm.c_str(), &out.writer);
    } else {
        throw invalid_config(
            "--csp-hashes needs a plugin providing dash.csp/2 (docs/plugins.md lists the shipped ones)");
    }
    if (status != DASH_OK)
        throw DashError("ValueError", "hash algorithm must be sha256, sha384 or sha512, got '" + algorithm + "'");
    for (const auto& hash : dash::json::parse(out.text)) std::cout << hash.asString() << "\n";
    return 0;
}

}  // namespace

int run_host(int argc, char** argv, const std::vector<dash_plugin_entry_fn>& static_entries) {
    // Block the stop signals before any thread starts, then wait for them on this thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGUSR2);  // ends the second-signal watcher after a graceful stop
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    try {
        // Flushes the asynchronous log on every way out of here.
        struct FlushLog {
            ~FlushLog() { spdlog::shutdown(); }
        } flush_log;
        const auto line = parse_command_line(argc, argv);
        if (!line) return 0;
        // --debug means app.run(debug=True): above the file and the environment, and every
        // dev-tools default follows it.
        DeploymentConfig config =
            load_config(line->config, process_environment(), line->debug ? std::optional<bool>(true) : std::nullopt);
        if (line->host) config.server.host = *line->host;
        if (line->port) config.server.port = *line->port;
        limit_malloc_arenas(config.server.malloc_arenas);
        setup_logging(config.log_level);
        apply_defaults(config);
        auto app = build_app(config, adopt_static(static_entries));
        if (line->csp_hashes) return print_csp_hashes(*app, *line->csp_hashes);
        auto router = std::make_shared<Router>(app);
        app.reset();
        auto trimmer = std::make_shared<MemoryTrimmer>();
        HttpServer server(
            config.server,
            [router, trimmer](const HttpRequest& request, HttpResponse& response) {
                router->handle(request, response);
                trimmer->note(request.body.size(), response.payload().size());
            },
            dash_websocket_endpoint(router));
        server.start();
        spdlog::info("Dash is running on http://{}:{}{}", config.server.host, server.port(),
                     config.app.paths.routes_pathname_prefix);
        int received = 0;
        sigwait(&signals, &received);
        spdlog::info(
            "stopping (signal {}): answering the requests in progress for up to {} s; a second signal "
            "stops at once",
            received, config.server.shutdown_timeout);
        // A second SIGINT/SIGTERM while the requests in progress finish: exit now.
        std::thread second_signal([signals] {
            int again = 0;
            sigwait(&signals, &again);
            if (again == SIGUSR2) return;  // the graceful stop ended first
            std::fprintf(stderr, "dash-host: second signal (%d): stopping at once\n", again);
            std::_Exit(1);
        });
        const bool answered = server.shutdown(std::chrono::seconds(config.server.shutdown_timeout));
        pthread_kill(second_signal.native_handle(), SIGUSR2);
        second_signal.join();
        // Asynchronous callbacks still running hold the app; wait for them, so that the app (and
        // the plugins) are released here, never on a plugin's thread.
        if (!answered || !wait_for_callback_calls(std::chrono::seconds(10))) {
            spdlog::warn(
                "requests still in progress after server.shutdown_timeout ({} s); exiting without "
                "unloading plugins",
                config.server.shutdown_timeout);
            spdlog::shutdown();
            std::fflush(nullptr);
            std::_Exit(0);
        }
        spdlog::info("stopped");
        return 0;
    } catch (const dash::DashException& error) {
        std::cerr << "dash-host: " << error.what() << "\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "dash-host: " << error.what() << "\n";
        return 1;
    }
}

}  // namespace dash::core
