// Compiled with -std=c++17 -pedantic -Werror by CTest: the whole C++ SDK layer is warning-free.
#include <dash/dash.hpp>
