// dash-html: the dash_html_components library (npm dash-html-components) as a plugin: serves its
// bundle under _dash-component-suites/dash/html/ and declares its components' children_props.
#include <dash/dash.hpp>

namespace {

// Every html component; none holds components outside `children`.
const char* const component_names[] = {
    "A", "Abbr", "Acronym", "Address", "Area", "Article", "Aside", "Audio", "B", "Base", "Basefont", "Bdi",
    "Bdo", "Big", "Blink", "Blockquote", "Br", "Button", "Canvas", "Caption", "Center", "Cite", "Code",
    "Col", "Colgroup", "Content", "Data", "Datalist", "Dd", "Del", "Details", "Dfn", "Dialog", "Div", "Dl",
    "Dt", "Em", "Embed", "Fieldset", "Figcaption", "Figure", "Font", "Footer", "Form", "Frame", "Frameset",
    "H1", "H2", "H3", "H4", "H5", "H6", "Header", "Hgroup", "Hr", "I", "Iframe", "Img", "Ins", "Kbd",
    "Keygen", "Label", "Legend", "Li", "Link", "Main", "MapEl", "Mark", "Marquee", "Meta", "Meter", "Nav",
    "Nobr", "Noscript", "ObjectEl", "Ol", "Optgroup", "Option", "Output", "P", "Param", "Picture",
    "Plaintext", "Pre", "Progress", "Q", "Rb", "Rp", "Rt", "Rtc", "Ruby", "S", "Samp", "Script", "Section",
    "Select", "Shadow", "Slot", "Small", "Source", "Spacer", "Span", "Strike", "Strong", "Sub", "Summary",
    "Sup", "Table", "Tbody", "Td", "Template", "Textarea", "Tfoot", "Th", "Thead", "Time", "Title", "Tr",
    "Track", "U", "Ul", "Var", "Video", "Wbr", "Xmp"};

void setup(dash::Plugin& plugin) {
    const std::string dir = plugin.bundle_dir("dash-html-components");
    Json::Value children_props(Json::objectValue);
    for (const char* name : component_names) children_props[name] = Json::Value(Json::arrayValue);
    const std::string files = dir + "/dash_html_components/";
    plugin.component_library("dash_html_components", "dash", dash::Plugin::package_version(dir), children_props,
                             {
                                 {"html/dash_html_components.min.js", files + "dash_html_components.min.js"},
                                 {"html/dash_html_components.min.js.map", files + "dash_html_components.min.js.map",
                                  DASH_RESOURCE_JS, DASH_RESOURCE_DYNAMIC},
                             });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.components.html", "dash_html_components", "4.5.0", "", setup)
