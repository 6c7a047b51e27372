// Nesting a component in one of its own type keeps it as a child (as Python's html.Div(html.Div(...))),
// while copies stay copies. Exits 0 when every check holds, else prints what failed.
#include <dash/components/html.hpp>

#include <iostream>
#include <vector>

using namespace dash;

namespace {
int failures = 0;
void check(bool ok, const char* what) {
    if (!ok) {
        std::cerr << "FAILED: " << what << "\n";
        ++failures;
    }
}
}  // namespace

int main() {
    // The trap of issue 12: .id() returns Div&, which used to pick the copy constructor.
    const Json::Value nested = html::Div(html::Div().id("x")).id("y").to_json();
    check(nested["props"]["id"] == "y", "the outer Div has id y");
    check(nested["props"]["children"]["props"]["id"] == "x", "the inner Div (id x) is its child");

    html::Div inner = html::Div("text");
    inner.id("inner");
    const Json::Value around = html::Div(inner).id("outer").to_json();
    check(around["props"]["children"]["props"]["id"] == "inner", "a Div variable passed alone is the child");

    // Copies: copy-initialisation, const sources and containers copy.
    html::Div original = html::Div("a");
    original.id("same");
    html::Div copy = original;
    check(copy.to_json()["props"]["id"] == "same" && copy.to_json()["props"]["children"] == "a",
          "copy-initialisation copies");
    const html::Div& constant = original;
    html::Div from_const(constant);
    check(from_const.to_json()["props"]["id"] == "same", "a const source copies");
    std::vector<html::Div> list{original, original};
    check(list[1].to_json()["props"]["id"] == "same", "containers copy");
    // Another component type alone is a child too, and a list literal gives a list.
    check(html::Div(html::P("p")).to_json()["props"]["children"]["type"] == "P", "another type alone is the child");
    check(html::Div({html::Div("a")}).to_json()["props"]["children"].isArray(), "a braced list is a list of children");
    return failures == 0 ? 0 : 1;
}
