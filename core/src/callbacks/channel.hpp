// callbacks/channel.hpp: what a transport other than HTTP offers a callback while it runs (the
// WebSocket transport: set_props that reach the browser at once, and questions to the browser).
#pragma once

#include <chrono>
#include <string>

namespace dash::core {

class CallbackChannel {
public:
    virtual ~CallbackChannel() = default;
    // Sends {"componentId": id_key, "props": props_json} to the browser now.
    virtual void stream_props(const std::string& id_key, const std::string& props_json) = 0;
    // Asks the browser for the props (a JSON list) of the component `id_key`; true with the answer
    // (a JSON object) in `out`, false with the reason in `out` (timeout, closed socket).
    virtual bool get_props(const std::string& id_key, const std::string& properties_json,
                           std::chrono::milliseconds timeout, std::string& out) = 0;
};

}  // namespace dash::core
