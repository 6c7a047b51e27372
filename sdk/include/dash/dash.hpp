// dash/dash.hpp: the umbrella header of the dashcpp C++ SDK (header-only, over dash/sdk.h).
#pragma once

#include <dash/callback.hpp>
#include <dash/component.hpp>
#include <dash/exceptions.hpp>
#include <dash/hooks.hpp>
#include <dash/json.hpp>
#include <dash/patch.hpp>
#include <dash/paths.hpp>
#include <dash/plugin.hpp>
#include <dash/sdk.h>
