// app/websocket_callbacks.hpp: Dash's WebSocket callback transport (protocol §12) on the connection
// layer: `_dash-ws-callback` with the origin check, callback requests run through the Router exactly
// as the POSTs of `_dash-update-component` are (hooks, validation, asynchronous callbacks), answers
// as `callback_response` messages echoing `rendererId`/`requestId`, heartbeats.
#pragma once

#include "app/router.hpp"
#include "http/server.hpp"

#include <memory>

namespace dash::core {

WebSocketEndpoint dash_websocket_endpoint(std::shared_ptr<const Router> router);

// Whether the app offers the transport: app.websocket_callbacks, or a callback registered with it.
bool offers_websocket(const AppState& app);

}  // namespace dash::core
