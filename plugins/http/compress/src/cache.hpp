// cache.hpp: compressed copies of bodies that do not change (component suites, assets with an
// ETag), made once per coding and shared by every response that sends them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

namespace dashcpp::compress {

class CompressedCache {
public:
    using Key = std::tuple<std::string, std::string, std::string>;  // identity, version, coding

    // The copy for key; make() builds it on the first request (outside the lock: two threads may
    // both build it, one result is kept).
    std::shared_ptr<const std::string> get(const Key& key, const std::function<std::string()>& make);
    size_t size() const;

private:
    mutable std::mutex mutex_;
    std::map<Key, std::shared_ptr<const std::string>> entries_;
};

}  // namespace dashcpp::compress
