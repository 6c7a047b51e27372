// Unit tests of basic-auth's credential check.
#define BOOST_TEST_MODULE basic_auth
#include "credentials.hpp"

#include <boost/test/unit_test.hpp>

using namespace dashcpp::basic_auth;

BOOST_AUTO_TEST_CASE(base64_decodes_and_refuses_foreign_characters) {
    BOOST_TEST(base64_decode("YWxpY2U6d29uZGVybGFuZA==").value() == "alice:wonderland");
    BOOST_TEST(base64_decode("").value().empty());
    BOOST_TEST(!base64_decode("YWxp*2U=").has_value());
}

BOOST_AUTO_TEST_CASE(only_a_configured_user_with_the_right_password_is_admitted) {
    const std::map<std::string, std::string> users = {{"alice", "wonderland"}, {"bob", "b:c"}};
    BOOST_TEST(admitted(std::string("Basic YWxpY2U6d29uZGVybGFuZA=="), users));        // alice:wonderland
    BOOST_TEST(admitted(std::string("Basic Ym9iOmI6Yw=="), users));                    // bob:b:c (colon in password)
    BOOST_TEST(!admitted(std::string("Basic YWxpY2U6d29uZGVy"), users));              // alice:wonder
    BOOST_TEST(!admitted(std::string("Basic bWFsbG9yeTp3b25kZXJsYW5k"), users));      // mallory:wonderland
    BOOST_TEST(!admitted(std::string("Bearer YWxpY2U6d29uZGVybGFuZA=="), users));
    BOOST_TEST(!admitted(std::string("Basic YWxpY2U="), users));                      // no colon
    BOOST_TEST(!admitted(std::nullopt, users));
}

BOOST_AUTO_TEST_CASE(constant_time_equal_is_plain_equality) {
    BOOST_TEST(constant_time_equal("abc", "abc"));
    BOOST_TEST(!constant_time_equal("abc", "abd"));
    BOOST_TEST(!constant_time_equal("abc", "abcd"));
    BOOST_TEST(constant_time_equal("", ""));
}
