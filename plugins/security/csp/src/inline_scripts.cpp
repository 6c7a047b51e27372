// A small, exact scan of <script> elements (case-insensitive tags; attribute text examined as is).
#include "inline_scripts.hpp"

#include <regex>

namespace dashcpp::csp {

std::vector<std::string> inline_scripts(const std::string& html) {
    static const std::regex script(R"(<script([^>]*)>([\s\S]*?)</script>)", std::regex::icase);
    static const std::regex src(R"(\bsrc\s*=)", std::regex::icase);
    std::vector<std::string> texts;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), script); it != std::sregex_iterator(); ++it) {
        const std::string attributes = (*it)[1];
        if (std::regex_search(attributes, src)) continue;
        if (attributes.find("application/json") != std::string::npos) continue;  // data, never executed
        texts.push_back((*it)[2]);
    }
    return texts;
}

}  // namespace dashcpp::csp
