// Digests with OpenSSL's EVP interface, base64 with EVP_EncodeBlock.
#include "hashing.hpp"

#include "inline_scripts.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace dashcpp::csp {

void check_algorithm(const std::string& algorithm) {
    if (algorithm != "sha256" && algorithm != "sha384" && algorithm != "sha512")
        throw std::invalid_argument("ValueError: hash algorithm must be sha256, sha384 or sha512, got '" + algorithm + "'");
}

std::string csp_hash(const std::string& text, const std::string& algorithm) {
    check_algorithm(algorithm);
    const EVP_MD* md = algorithm == "sha384" ? EVP_sha384() : algorithm == "sha512" ? EVP_sha512() : EVP_sha256();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest, &length, md, nullptr) != 1)
        throw std::runtime_error("OpenSSL could not compute the " + algorithm + " digest");
    std::string encoded(4 * ((length + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), digest, static_cast<int>(length));
    encoded.resize(static_cast<size_t>(n));
    return "'" + algorithm + "-" + encoded + "'";
}

std::vector<std::string> page_hashes(const std::string& html, const std::string& algorithm) {
    std::vector<std::string> hashes;
    for (const auto& script : inline_scripts(html)) hashes.push_back(csp_hash(script, algorithm));
    return hashes;
}

}  // namespace dashcpp::csp
