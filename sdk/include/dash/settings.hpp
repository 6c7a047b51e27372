// dash/settings.hpp: the app's own settings in code, Python's Dash(title=..., update_title=...,
// suppress_callback_exceptions=..., ...), typed so that a misspelt setting does not compile:
//
//     app.settings(Settings().title("Sales").update_title(nullptr).suppress_callback_exceptions(true));
//
// Precedence (docs/configuration.md): defaults < DASH_* variables < these settings < the deployment
// config's "app" section (the operator's file wins, and the host logs it) < the command line.
// Deployment settings (URL prefixes, websocket_*, serve_locally) are set in the config file only.
#pragma once

#include <dash/component.hpp>
#include <dash/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dash {

class Settings {
public:
    Settings() : json_(Json::objectValue) {}

    // The page title, and the title shown while callbacks run (nullptr: keep the title).
    Settings& title(const std::string& text) { return set("title", text); }
    Settings& update_title(const std::string& text) { return set("update_title", text); }
    Settings& update_title(std::nullptr_t) { return set("update_title", Json::Value()); }
    Settings& suppress_callback_exceptions(bool on) { return set("suppress_callback_exceptions", on); }
    Settings& prevent_initial_callbacks(bool on) { return set("prevent_initial_callbacks", on); }
    Settings& show_undo_redo(bool on) { return set("show_undo_redo", on); }
    Settings& hide_all_callbacks(bool on) { return set("hide_all_callbacks", on); }
    Settings& strict_callbacks(bool on) { return set("strict_callbacks", on); }
    // Relative to the deployment config's directory.
    Settings& assets_folder(const std::string& path) { return set("assets_folder", path); }
    Settings& assets_ignore(const std::string& regex) { return set("assets_ignore", regex); }
    Settings& assets_path_ignore(const std::vector<std::string>& patterns) {
        return set("assets_path_ignore", list(patterns));
    }
    Settings& include_assets_files(bool on) { return set("include_assets_files", on); }
    Settings& eager_loading(bool on) { return set("eager_loading", on); }
    Settings& compress(bool on) { return set("compress", on); }
    Settings& health_endpoint(const std::string& path) { return set("health_endpoint", path); }
    Settings& index_string(const std::string& html) { return set("index_string", html); }
    // Lists of dicts or URLs, as in Python: {Object{{"name", "description"}, {"content", "..."}}}.
    Settings& meta_tags(const std::vector<Value>& tags) { return set("meta_tags", values(tags)); }
    Settings& external_stylesheets(const std::vector<Value>& sheets) {
        return set("external_stylesheets", values(sheets));
    }
    Settings& external_scripts(const std::vector<Value>& scripts) { return set("external_scripts", values(scripts)); }

    const Json::Value& json() const { return json_; }

private:
    template <class T>
    Settings& set(const char* key, T&& value) {
        json_[key] = Json::Value(std::forward<T>(value));
        return *this;
    }
    static Json::Value list(const std::vector<std::string>& items) {
        Json::Value out(Json::arrayValue);
        for (const auto& item : items) out.append(item);
        return out;
    }
    static Json::Value values(const std::vector<Value>& items) {
        Json::Value out(Json::arrayValue);
        for (const auto& item : items) out.append(item.json());
        return out;
    }
    Json::Value json_;
};

}  // namespace dash
