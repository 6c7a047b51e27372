// CompressedCache: a locked map, with the compression itself done outside the lock.
#include "cache.hpp"

namespace dashcpp::compress {

std::shared_ptr<const std::string> CompressedCache::get(const Key& key, const std::function<std::string()>& make) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto found = entries_.find(key);
        if (found != entries_.end()) return found->second;
    }
    auto made = std::make_shared<const std::string>(make());
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.emplace(key, std::move(made)).first->second;
}

size_t CompressedCache::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
}

}  // namespace dashcpp::compress
