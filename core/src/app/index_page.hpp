// app/index_page.hpp: the index page (§4) and the _dash-config block (§4.9), rendered once from
// the snapshot.
#pragma once

#include <string>
#include <vector>

namespace dash::core {

class AppState;

// The index page.
std::string render_index(const AppState& app);
// InvalidIndexException when the page lacks what the renderer needs (§4.2).
void validate_index(const std::string& html);
// The texts of the inline scripts defining clientside callbacks given as JavaScript source (§15.1).
std::vector<std::string> inline_clientside_scripts(const AppState& app);
// The _dash-config JSON.
std::string render_config(const AppState& app);

}  // namespace dash::core
