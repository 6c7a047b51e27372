// Content digests, computed with Poco's engines.
#include "util/digest.hpp"

#include <Poco/SHA1Engine.h>
#include <Poco/SHA2Engine.h>

namespace dash::core {

namespace {
std::string hex_digest(Poco::DigestEngine& engine, std::string_view text) {
    engine.update(text.data(), static_cast<unsigned>(text.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}
}  // namespace

std::string sha256_hex(std::string_view text) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    return hex_digest(engine, text);
}

std::string sha1_hex(std::string_view text) {
    Poco::SHA1Engine engine;
    return hex_digest(engine, text);
}

}  // namespace dash::core
