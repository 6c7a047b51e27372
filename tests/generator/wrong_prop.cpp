// Compile-fail check: a prop name a component does not have is a compile error. Built twice by
// CTest: with DASHCPP_RIGHT_PROP it must compile, without it it must fail naming the member.
#include <dash/components/html.hpp>

int main() {
#ifdef DASHCPP_RIGHT_PROP
    dash::html::Div().id("x").className("box");
#else
    dash::html::Div().id("x").classname("box");
#endif
    return 0;
}
