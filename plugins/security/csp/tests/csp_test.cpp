// Unit tests of the csp plugin's logic: which scripts are hashed, the hashes themselves (checked
// against digests computed here independently), the policy text and the config checks.
#define BOOST_TEST_MODULE csp
#include "hashing.hpp"
#include "inline_scripts.hpp"
#include "policy.hpp"

#include <dash/exceptions.hpp>
#include <dash/json.hpp>

#include <boost/test/unit_test.hpp>

using namespace dashcpp::csp;

BOOST_AUTO_TEST_CASE(only_executable_inline_scripts_are_collected_exactly) {
    const std::string html =
        "<html><script src=\"/a.js\"></script>"
        "<SCRIPT id=\"_dash-config\" type=\"application/json\">{\"x\":1}</SCRIPT>"
        "<script>\nvar renderer = new DashRenderer();\n</script>"
        "<script type=\"module\">console.log(1)</script>"
        "<script\nsrc='/b.js'></script></html>";
    const auto scripts = inline_scripts(html);
    BOOST_TEST_REQUIRE(scripts.size() == 2u);
    BOOST_TEST(scripts[0] == "\nvar renderer = new DashRenderer();\n");
    BOOST_TEST(scripts[1] == "console.log(1)");
    BOOST_TEST(inline_scripts("<p>no scripts</p>").empty());
}

BOOST_AUTO_TEST_CASE(hashes_are_the_base64_digests_csp_expects) {
    // Known digests of "alert('Hello, world.');" (the example of the CSP specification) and of "".
    BOOST_TEST(csp_hash("alert('Hello, world.');", "sha256") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
    BOOST_TEST(csp_hash("", "sha256") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    BOOST_TEST(csp_hash("", "sha384") ==
               "'sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb'");
    BOOST_TEST(csp_hash("", "sha512").rfind("'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=='", 0) == 0);
    BOOST_CHECK_THROW(csp_hash("x", "md5"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(the_policy_appends_the_page_hashes_to_script_src_only) {
    Policy policy;
    const std::string html = "<script>a()</script><script>b()</script>";
    const std::string value = policy.header_value(html);
    const std::string script_src = "script-src 'self' " + csp_hash("a()", "sha256") + " " + csp_hash("b()", "sha256");
    BOOST_TEST(value.find(script_src) != std::string::npos);
    BOOST_TEST(value.find("connect-src 'self'; default-src 'self'") == 0u);  // directives in name order
    policy.include_hashes = false;
    BOOST_TEST(policy.header_value(html).find("sha256-") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(config_overrides_defaults_and_bad_values_are_refused) {
    const Policy policy = read_policy(dash::json::parse(
        R"({"algorithm":"sha384","header":false,"directives":{"img-src":"'none'","frame-ancestors":"'none'"}})"));
    BOOST_TEST(policy.algorithm == "sha384");
    BOOST_TEST(!policy.header);
    BOOST_TEST(policy.directives.at("img-src") == "'none'");
    BOOST_TEST(policy.directives.at("frame-ancestors") == "'none'");
    BOOST_TEST(policy.directives.at("default-src") == "'self'");
    auto message_of = [](const char* config) {
        try {
            read_policy(dash::json::parse(config));
        } catch (const dash::InvalidConfig& error) {
            return std::string(error.what());
        }
        return std::string("accepted");
    };
    BOOST_TEST(message_of(R"({"algorithm":"md5"})").find("sha256, sha384 or sha512, got 'md5'") != std::string::npos);
    BOOST_TEST(message_of(R"({"header":"yes"})").find("\"header\" must be true or false") != std::string::npos);
    BOOST_TEST(message_of(R"({"directive":{}})").find("unknown config key \"directive\"") != std::string::npos);
    BOOST_TEST(message_of(R"({"directives":{"img-src":1}})").find("directive \"img-src\" must be a string") != std::string::npos);
}
