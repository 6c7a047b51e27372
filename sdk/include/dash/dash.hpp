// dash/dash.hpp: the umbrella header of the dashcpp C++ SDK (header-only, over dash/sdk.h).
//
//   dash/sdk.h, dash/ext/*.h   the C ABI and its extensions (the contract)
//   dash/component.hpp          layouts: Value, Object, Component
//   dash/callback.hpp           dependencies, conversions, no_update, PreventUpdate, ctx()
//   dash/patch.hpp              Patch
//   dash/plugin.hpp             dash::Plugin / dash::App: registering everything (+ dash/entry.hpp)
//   dash/http.hpp               Request / Response for routes and hooks
//   dash/hooks.hpp              dash::Hooks: the hooks extension
//   dash/services.hpp           typed service tables
//   dash/json_value.hpp         dash::JsonData: the value type for big payloads
//   dash/json.hpp, json_scan.hpp, writer.hpp   JSON text (writing, scanning) and text across the ABI
//   dash/paths.hpp, package.hpp Python's path helpers; package.json versions
//   dash/exceptions.hpp         dash.exceptions as C++ types
#pragma once

#include <dash/callback.hpp>
#include <dash/component.hpp>
#include <dash/entry.hpp>
#include <dash/exceptions.hpp>
#include <dash/hooks.hpp>
#include <dash/http.hpp>
#include <dash/json.hpp>
#include <dash/json_scan.hpp>
#include <dash/json_value.hpp>
#include <dash/package.hpp>
#include <dash/patch.hpp>
#include <dash/paths.hpp>
#include <dash/plugin.hpp>
#include <dash/sdk.h>
#include <dash/services.hpp>
#include <dash/writer.hpp>
