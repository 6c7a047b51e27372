// Boost.Test entry point of the unit tests.
#define BOOST_TEST_MODULE dashcpp_unit
#include <boost/test/unit_test.hpp>
