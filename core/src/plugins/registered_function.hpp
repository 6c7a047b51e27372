// plugins/registered_function.hpp: "a function a plugin registered" — a C function pointer, its
// user data, the plugin's free function and the plugin that owns them — as one move-only value.
// It frees the user data exactly once (when dropped, also when a registration fails half-way),
// keeps the plugin's code mapped while it lives, and serialises calls when the plugin declared
// DASH_PLUGIN_SERIALIZED. Layouts, routes, callbacks and hooks all hold one.
#pragma once

#include "plugins/loader.hpp"

#include <memory>
#include <mutex>
#include <utility>

namespace dash::core {

template <class Fn>
class RegisteredFunction {
public:
    RegisteredFunction() = default;
    // Takes ownership of user_data at once: from here on, free_user_data runs exactly once.
    RegisteredFunction(Fn fn, void* user_data, void (*free_user_data)(void*)) noexcept
        : fn_(fn), user_data_(user_data), free_(free_user_data) {}
    RegisteredFunction(RegisteredFunction&& other) noexcept { swap(other); }
    RegisteredFunction& operator=(RegisteredFunction&& other) noexcept {
        RegisteredFunction(std::move(other)).swap(*this);
        return *this;
    }
    RegisteredFunction(const RegisteredFunction&) = delete;
    RegisteredFunction& operator=(const RegisteredFunction&) = delete;
    ~RegisteredFunction() { reset(); }

    // The plugin the function belongs to: held (its library stays loaded) and asked whether calls
    // must be serialised.
    void set_owner(std::shared_ptr<PluginInstance> owner) { owner_ = std::move(owner); }
    const std::shared_ptr<PluginInstance>& owner() const { return owner_; }
    // "'<plugin id>'" for messages, "'?'" when unowned.
    std::string owner_id() const { return owner_ ? owner_->id : std::string("?"); }

    explicit operator bool() const { return fn_ != nullptr; }

    // fn(user_data, args...), under the plugin's call mutex when it is DASH_PLUGIN_SERIALIZED.
    template <class... Args>
    auto operator()(Args&&... args) const {
        if (owner_ && owner_->serialized()) {
            std::lock_guard<std::mutex> lock(owner_->call_mutex);
            return fn_(user_data_, std::forward<Args>(args)...);
        }
        return fn_(user_data_, std::forward<Args>(args)...);
    }

    // Another function of the same registration (same user data, same serialisation): g(user_data, args...).
    template <class G, class... Args>
    auto call_as(G g, Args&&... args) const {
        if (owner_ && owner_->serialized()) {
            std::lock_guard<std::mutex> lock(owner_->call_mutex);
            return g(user_data_, std::forward<Args>(args)...);
        }
        return g(user_data_, std::forward<Args>(args)...);
    }

    // Frees the user data (while the plugin's code is still held), then lets the plugin go.
    void reset() noexcept {
        if (free_) free_(user_data_);
        fn_ = nullptr;
        user_data_ = nullptr;
        free_ = nullptr;
        owner_.reset();
    }

private:
    void swap(RegisteredFunction& other) noexcept {
        std::swap(fn_, other.fn_);
        std::swap(user_data_, other.user_data_);
        std::swap(free_, other.free_);
        std::swap(owner_, other.owner_);
    }

    Fn fn_ = nullptr;
    void* user_data_ = nullptr;
    void (*free_)(void*) = nullptr;
    std::shared_ptr<PluginInstance> owner_;
};

}  // namespace dash::core
