// The connection layer (http/server.hpp) on Boost.Beast/Asio: the event loops read and write, and
// a Connection walks each socket through
//   idle -> header -> [body] -> handling -> writing -> idle (keep-alive) | closed
// with one deadline timer per phase (keep-alive idle, whole header, body, write).
//
// Who runs a complete request (server.requests_on_event_loop, docs/operations.md):
// - on (the default): the event-loop thread that read it, with no hand-over between threads (the
//   cost of a small request is then mostly the kernel's). A monitor thread watches the loops: when
//   a request has run on one for server.event_loop_stall microseconds, a worker thread joins the
//   loop (a "helper") so the other connections are served meanwhile, and leaves it once the loops
//   are free again. Every thread running the loop may take requests; the requests in progress stay
//   bounded by threads + max_queued (503 beyond).
// - off: a worker pool runs every request (and the worker that answered waits briefly on the
//   socket for the next one, server.worker_keep_alive_wait).
#include "http/server.hpp"

#include "http/deferred.hpp"
#include "http/wire.hpp"
#include "http/worker_pool.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <spdlog/spdlog.h>

#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <limits>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace dash::core {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace bws = boost::beast::websocket;
using tcp = net::ip::tcp;
// A connection's socket and timer name their strand's type: through Asio's type-erased executor
// every asynchronous operation allocated a copy of the strand (16 of a small request's ~97
// allocations, measured).
using Strand = net::strand<net::io_context::executor_type>;
using Socket = net::basic_stream_socket<tcp, Strand>;
using Timer = net::basic_waitable_timer<std::chrono::steady_clock, net::wait_traits<std::chrono::steady_clock>, Strand>;

namespace {

using Seconds = std::chrono::seconds;

// Lets the process hold as many sockets as max_connections asks for (the soft limit is often 1,024).
void raise_open_file_limit(int max_connections) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    const auto wanted = static_cast<rlim_t>(max_connections) + 64;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted)
        spdlog::warn("server.max_connections is {} but the open file limit is {}: connections beyond it are refused",
                     max_connections, static_cast<unsigned long long>(limit.rlim_cur));
}

std::string endpoint_text(const tcp::endpoint& endpoint) {
    const auto address = endpoint.address();
    const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    return host + ":" + std::to_string(endpoint.port());
}

bool is_disconnect(const beast::error_code& ec) {
    return ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset ||
           ec == net::error::operation_aborted || ec == net::error::broken_pipe || ec == net::error::bad_descriptor ||
           ec == bhttp::error::partial_message;
}

}  // namespace

// What the server's graceful stop reaches: an HTTP connection or a WebSocket session.
class Drainable {
public:
    virtual ~Drainable() = default;
    // Idle: close now; busy: close once what is in progress has been answered.
    virtual void drain() = 0;
};
using Registry = std::list<std::weak_ptr<Drainable>>;

// Declaration order is destruction order, reversed: the workers and the event loop go first (their
// pending tasks may hold the last reference to a Connection, which delists itself), the
// connection bookkeeping last.
class HttpServer::Impl {
public:
    Impl(const ServerOptions& options, Handler handler, WebSocketEndpoint websocket)
        : options_(options),
          handler_(std::move(handler)),
          websocket_(std::move(websocket)),
          // More than one thread may run the loop at a time when requests run on it (the helpers), and
          // a hint of 1 would keep Asio from waking an idle one when handlers are ready.
          io_(options.requests_on_event_loop ? std::max(2, options.io_threads) : options.io_threads),
          acceptor_(net::make_strand(io_)),
          retry_timer_(acceptor_.get_executor()),
          workers_(static_cast<size_t>(options.threads)),
          slots_(static_cast<size_t>(options.io_threads + options.threads)) {
        raise_open_file_limit(options.max_connections);
        listen();
    }

    void start() {
        accept();  // the loops run until stop(), even while every connection waits on a worker
        for (int i = 0; i < options_.io_threads; ++i) io_threads_.emplace_back([this] { run_loop(); });
        if (options_.requests_on_event_loop) monitor_ = std::thread([this] { watch_loops(); });
    }

    bool shutdown(std::chrono::milliseconds deadline);
    void stop();
    int port() const { return port_; }

    const ServerOptions& options() const { return options_; }
    const Handler& handler() const { return handler_; }
    const WebSocketEndpoint& websocket() const { return websocket_; }
    WorkerPool& workers() { return workers_; }
    bool draining() const { return draining_; }

    // Requests handed to the workers and not finished (running or queued): bounded by
    // threads + max_queued, beyond which a request is answered 503.
    bool take_worker_slot() {
        const int limit = options_.threads + options_.max_queued;
        int busy = busy_.load(std::memory_order_relaxed);
        do {
            if (busy >= limit) return false;
        } while (!busy_.compare_exchange_weak(busy, busy + 1, std::memory_order_relaxed));
        return true;
    }
    void release_worker_slot() { busy_.fetch_sub(1, std::memory_order_relaxed); }

    // A thread running the event loop: since when it has been running a request (0: it is not).
    struct LoopSlot {
        std::atomic<long long> busy_since{0};  // steady-clock nanoseconds
        std::atomic<bool> taken{false};
    };
    // The calling thread's slot when it runs this server's loop and requests may run there; null
    // anywhere else (a worker running a request, a thread of another server).
    LoopSlot* loop_slot_here() const { return here_.server == this ? here_.slot : nullptr; }

    // Marks the calling loop thread busy with a request for its lifetime (the monitor's view).
    class OnLoop {
    public:
        OnLoop(Impl& server, LoopSlot& slot) : slot_(slot) { server.request_on_loop(slot); }
        ~OnLoop() { slot_.busy_since.store(0, std::memory_order_relaxed); }
        OnLoop(const OnLoop&) = delete;
        OnLoop& operator=(const OnLoop&) = delete;

    private:
        LoopSlot& slot_;
    };

    // Connection bookkeeping (on accept and close only, never per request).
    Registry::iterator enlist(const std::shared_ptr<Drainable>& connection) {
        std::lock_guard<std::mutex> lock(connections_mutex_);
        ++open_;
        return connections_.insert(connections_.end(), connection);
    }
    void delist(Registry::iterator where) {
        std::lock_guard<std::mutex> lock(connections_mutex_);
        connections_.erase(where);
        if (--open_ == 0) all_closed_.notify_all();
    }

private:
    static long long now_ns() {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

    // Which server's loop the current thread runs, and its slot there (set while it runs the loop).
    struct Here {
        const Impl* server = nullptr;
        LoopSlot* slot = nullptr;
    };
    static thread_local Here here_;

    LoopSlot* take_loop_slot() {
        for (auto& slot : slots_)
            if (!slot.taken.exchange(true)) return &slot;
        return nullptr;  // never: there is a slot for every io thread and every worker
    }

    void run_loop() {
        // Requests run here only when requests_on_event_loop is on; then the thread has a slot.
        LoopSlot* slot = options_.requests_on_event_loop ? take_loop_slot() : nullptr;
        if (slot) {
            loop_threads_.fetch_add(1);
            here_ = {this, slot};
        }
        for (;;) {
            try {
                io_.run();
                break;
            } catch (const std::exception& error) {  // a handler threw (out of memory...): keep serving
                spdlog::error("connection layer: {}", error.what());
            }
        }
        if (slot) {
            here_ = {};
            loop_threads_.fetch_sub(1);
            slot->taken = false;
        }
    }

    void request_on_loop(LoopSlot& slot) {
        slot.busy_since.store(now_ns(), std::memory_order_relaxed);
        // Sequentially consistent with the monitor's parking: either it sees this request, or this
        // sees it parked and wakes it.
        requests_on_loop_.fetch_add(1);
        if (monitor_parked_.load()) {
            std::lock_guard<std::mutex> lock(monitor_mutex_);
            monitor_wake_.notify_one();
        }
    }

    // The loop threads as the monitor sees them: how many run a request, how many are free (not
    // running one, or running one for less than event_loop_stall), and when the first of the
    // requests not yet stalled will be (0: none runs).
    struct LoopCount {
        int busy = 0;
        int stalled = 0;
        int free = 0;
        long long next_stall = 0;  // steady-clock nanoseconds
    };
    LoopCount count_loop_threads() const {
        const long long now = now_ns();
        const long long stall = static_cast<long long>(options_.event_loop_stall) * 1000;
        LoopCount count;
        for (const auto& slot : slots_) {
            const long long since = slot.busy_since.load(std::memory_order_relaxed);
            if (since == 0) continue;
            ++count.busy;
            if (now - since >= stall)
                ++count.stalled;
            else if (count.next_stall == 0 || since + stall < count.next_stall)
                count.next_stall = since + stall;
        }
        count.free = loop_threads_.load() - count.stalled;
        return count;
    }

    // The monitor thread, while requests run on the loops (parked after a quiet while, woken by
    // the next request): it looks when the oldest request in progress would reach
    // event_loop_stall (after event_loop_stall when none runs, every half of it while a loop is
    // stalled), counts the loop threads that are not stalled and sends a helper to the loop for
    // each one short of io_threads. Short requests thus cost it one look per event_loop_stall.
    void watch_loops() {
        const auto stall = std::chrono::microseconds(options_.event_loop_stall);
        const auto stalled_period = std::chrono::microseconds(std::max(options_.event_loop_stall / 2, 100));
        auto next_look = std::chrono::steady_clock::now() + stall;
        unsigned long long seen = requests_on_loop_.load();
        int quiet = 0;
        std::unique_lock<std::mutex> lock(monitor_mutex_);
        while (!monitor_stop_) {
            if (quiet >= 64) {  // no request on a loop for 64 looks: sleep until the next one
                monitor_parked_.store(true);
                monitor_wake_.wait(lock, [&] { return monitor_stop_ || requests_on_loop_.load() != seen; });
                monitor_parked_.store(false);
                quiet = 0;
                next_look = std::chrono::steady_clock::now() + stall;
                continue;
            }
            monitor_wake_.wait_until(lock, next_look, [&] { return monitor_stop_; });
            if (monitor_stop_) break;
            const unsigned long long started = requests_on_loop_.load();
            const LoopCount count = count_loop_threads();
            quiet = started == seen && count.busy == 0 ? quiet + 1 : 0;
            seen = started;
            for (int i = count.free + helpers_on_the_way_.load(); i < options_.io_threads; ++i) {
                helpers_on_the_way_.fetch_add(1);
                workers_.post([this] { help_loop(); });
            }
            const auto now = std::chrono::steady_clock::now();
            if (count.stalled > 0)
                next_look = now + stalled_period;  // a loop is stalled: look again soon
            else if (count.next_stall != 0)
                next_look = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(count.next_stall));
            else
                next_look = now + stall;
        }
    }

    // On a worker: runs the loop (taking requests like any loop thread) until the loops are free
    // again, or the server stops.
    void help_loop() {
        helpers_on_the_way_.fetch_sub(1);
        LoopSlot* slot = take_loop_slot();
        if (!slot) return;
        loop_threads_.fetch_add(1);
        here_ = {this, slot};
        for (;;) {
            try {
                io_.run_one_for(std::chrono::milliseconds(100));
            } catch (const std::exception& error) {
                spdlog::error("connection layer: {}", error.what());
            }
            if (io_.stopped()) break;
            std::lock_guard<std::mutex> lock(retire_mutex_);  // one helper decides at a time
            if (count_loop_threads().free > options_.io_threads) break;
        }
        here_ = {};
        loop_threads_.fetch_sub(1);
        slot->taken = false;
        // A handler run here may have queued its continuation (the next step of an answer being
        // written) for this thread to run next, which Asio does without waking the other loop
        // threads: an empty handler posted from outside the loop wakes one to take it over.
        if (!io_.stopped()) net::post(io_, [] {});
    }
    void listen();
    void accept();
    void refuse_overload(Socket socket);

    const ServerOptions options_;
    const Handler handler_;
    const WebSocketEndpoint websocket_;
    std::mutex connections_mutex_;
    std::condition_variable all_closed_;
    Registry connections_;
    int open_ = 0;  // guarded by connections_mutex_
    std::atomic<int> busy_{0};
    std::atomic<bool> draining_{false};
    std::atomic<bool> stopped_{false};
    int port_ = 0;
    net::io_context io_;
    net::executor_work_guard<net::io_context::executor_type> keep_running_{io_.get_executor()};
    tcp::acceptor acceptor_;
    net::steady_timer retry_timer_;
    WorkerPool workers_;
    std::vector<std::thread> io_threads_;
    // Requests on the event loops (requests_on_event_loop): the loop threads' slots, how many threads
    // run the loop, helpers posted and not yet running, and the monitor.
    std::vector<LoopSlot> slots_;
    std::atomic<int> loop_threads_{0};
    std::atomic<int> helpers_on_the_way_{0};
    std::atomic<unsigned long long> requests_on_loop_{0};
    std::atomic<bool> monitor_parked_{false};
    std::mutex monitor_mutex_;
    std::condition_variable monitor_wake_;
    bool monitor_stop_ = false;  // guarded by monitor_mutex_
    std::mutex retire_mutex_;
    std::thread monitor_;
};

thread_local HttpServer::Impl::Here HttpServer::Impl::here_;

class WsSession;

class Connection : public Drainable, public std::enable_shared_from_this<Connection> {
public:
    Connection(HttpServer::Impl* server, Socket socket)
        : server_(server), socket_(std::move(socket)), timer_(socket_.get_executor()) {
        beast::error_code ec;
        const auto endpoint = socket_.remote_endpoint(ec);
        if (!ec) remote_ = endpoint_text(endpoint);
    }
    ~Connection() {
        if (listed_) server_->delist(*listed_);
    }

    void start() {
        listed_ = server_->enlist(shared_from_this());
        // Answers are written straight from the worker with write_some, which must not block (set
        // once: each set is an ioctl).
        beast::error_code ec;
        socket_.non_blocking(true, ec);
        next_request();
    }

    // From the server's shutdown: an idle connection closes now, a busy one after its answer.
    void drain() override {
        net::post(socket_.get_executor(), [self = shared_from_this()] {
            const State state = self->state_;
            if (state == State::arming) return self->drain();  // a worker is starting the wait: look again
            if (state == State::idle) self->close();
        });
    }

private:
    // `arming`: a worker (not the strand) is starting the wait for the next request; once the wait
    // is started it hands the connection to the strand by moving to `idle`.
    enum class State { arming, idle, header, body, handling, writing, lingering, closed };

    const ServerOptions& options() const { return server_->options(); }

    void arm(int seconds) {
        timer_.expires_after(Seconds(seconds));
        timer_.async_wait([self = shared_from_this()](const beast::error_code& ec) {
            if (!ec) self->close();  // the phase's deadline passed
        });
    }

    void next_request() {
        if (server_->draining()) return close();
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(options().max_header_size));
        // Checked here, to answer 413 with the setting's name (not boost::none: Beast 1.74 compares a
        // length with an empty optional as "greater", so none would refuse every body).
        parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
        if (buffer_.size() > 0) return read_header();  // pipelined: the next request is already here
        if (serving_ == this && wait_on_worker()) return;
        // Wait for the first bytes: the keep-alive idle timeout (or, for a new connection, the header
        // deadline) bounds the wait, and an idle connection holds no thread.
        state_ = State::arming;
        arm(served_ == 0 ? options().header_timeout : options().keep_alive_timeout);
        socket_.async_read_some(buffer_.prepare(8192),
                                [self = shared_from_this()](const beast::error_code& ec, size_t bytes) {
                                    if (ec) return self->close();
                                    self->buffer_.commit(bytes);
                                    self->parse_header();
                                });
        State arming = State::arming;
        state_.compare_exchange_strong(arming, State::idle);  // unless the read completed already
    }

    // The header from what was read, parsed here rather than through another trip round the event
    // loop; a header that came in pieces is read on asynchronously. Not for pipelined requests:
    // answering one of those here would nest the next one's answer inside it.
    void parse_header() {
        state_ = State::header;
        beast::error_code ec;
        const size_t used = parser_->put(buffer_.data(), ec);  // not eager: the header only
        buffer_.consume(used);
        if (ec == bhttp::error::need_more) return read_header();
        on_header(ec);
    }

    void read_header() {
        state_ = State::header;
        arm(options().header_timeout);  // the whole header, from its first byte
        bhttp::async_read_header(
            socket_, buffer_, *parser_,
            [self = shared_from_this()](const beast::error_code& ec, size_t) { self->on_header(ec); });
    }

    void on_header(const beast::error_code& ec) {
        if (ec) {
            if (state_ == State::closed || is_disconnect(ec)) return close();
            if (ec == bhttp::error::header_limit)
                return refuse(431, "RequestHeaderFieldsTooLarge",
                              "the request header exceeds " + std::to_string(options().max_header_size) +
                                  " bytes (server.max_header_size)");
            return refuse(400, "BadRequest", "malformed request: " + ec.message());
        }
        const auto& request = parser_->get();
        size_t fields = 0, lengths = 0;
        bool transfer_encoding = false;
        for (const auto& field : request) {
            ++fields;
            if (field.name() == bhttp::field::content_length) ++lengths;
            if (field.name() == bhttp::field::transfer_encoding) transfer_encoding = true;
        }
        if (fields > static_cast<size_t>(options().max_header_count))
            return refuse(431, "RequestHeaderFieldsTooLarge",
                          "the request has " + std::to_string(fields) + " header fields, more than " +
                              std::to_string(options().max_header_count) + " (server.max_header_count)");
        if (lengths > 1) return refuse(400, "BadRequest", "more than one Content-Length header");
        if (transfer_encoding && !parser_->chunked())
            return refuse(400, "BadRequest", "a request's Transfer-Encoding must end with chunked");
        const auto length = parser_->content_length();
        if (length && *length > static_cast<std::uint64_t>(options().max_body_size)) return refuse_body();
        if (parser_->chunked()) parser_->body_limit(static_cast<std::uint64_t>(options().max_body_size));
        if (parser_->is_done()) return dispatch();
        const auto expect = request.find(bhttp::field::expect);
        if (expect != request.end() && beast::iequals(expect->value(), "100-continue") && request.version() == 11) {
            static const std::string continue_line = "HTTP/1.1 100 Continue\r\n\r\n";
            state_ = State::writing;
            arm(options().timeout);
            return net::async_write(socket_, net::buffer(continue_line),
                                    [self = shared_from_this()](const beast::error_code& error, size_t) {
                                        if (error) return self->close();
                                        self->read_body();
                                    });
        }
        read_body();
    }

    // After on_header's checks: what came of the body with the header is parsed here (a small
    // request is then answered without another trip round the event loop), the rest is read
    // asynchronously under the body's deadline.
    void read_body() {
        state_ = State::body;
        beast::error_code ec;
        if (buffer_.size() > 0) {
            parser_->eager(true);
            while (!ec && buffer_.size() > 0 && !parser_->is_done()) {
                const size_t used = parser_->put(buffer_.data(), ec);
                buffer_.consume(used);
                if (used == 0) break;
            }
            if (ec == bhttp::error::need_more) ec = {};
            if (!ec && parser_->is_done()) return dispatch();
            if (ec) return body_failed(ec);
        }
        arm(options().timeout);
        if (const auto length = parser_->content_length(); length && !parser_->chunked())
            return read_body_into_string(static_cast<size_t>(*length), parser_->get().body().size());
        bhttp::async_read(socket_, buffer_, *parser_, [self = shared_from_this()](const beast::error_code& ec, size_t) {
            if (!ec) return self->dispatch();
            self->body_failed(ec);
        });
    }

    // The rest of a body of known length, read straight into the request's string: all that has
    // arrived at each wake-up, up to 256 KiB, instead of Beast's reads of at most the connection
    // buffer's 8 KiB, each copied on into the body (a 1 MB body: ~125 reads and trips round the
    // event loop). The string grows 256 KiB at a time, only when what came has filled it, so a
    // client that announces a large body and sends little of it, or sends it a byte at a time,
    // costs little memory and no more zero-filling than the body's size. Nothing past the body is
    // read: a pipelined request stays in the socket. The parser saw the header and the body's first
    // bytes (`have` of them); dispatch takes the message from it as it is.
    void read_body_into_string(size_t length, size_t have) {
        std::string& body = parser_->get().body();
        if (have == length) {
            body.resize(length);
            return dispatch();
        }
        if (have == body.size()) body.resize(have + std::min<size_t>(length - have, 256 * 1024));
        socket_.async_read_some(net::buffer(&body[have], body.size() - have),
                                [self = shared_from_this(), length, have](const beast::error_code& ec, size_t bytes) {
                                    if (ec) return self->body_failed(ec);
                                    self->read_body_into_string(length, have + bytes);
                                });
    }

    void body_failed(const beast::error_code& ec) {
        if (ec == bhttp::error::body_limit) return refuse_body();
        if (state_ == State::closed || is_disconnect(ec)) return close();
        refuse(400, "BadRequest", "malformed request body: " + ec.message());
    }

    // A complete request: to a worker (or 503 when the workers' queue is full).
    void dispatch() {
        timer_.cancel();
        state_ = State::handling;
        auto message = parser_->release();
        // The connection's request object is reused when nobody else holds it any more (a worker,
        // an upgrade): its strings and header list keep their capacity from the previous request.
        if (!request_ || request_.use_count() != 1) request_ = std::make_shared<HttpRequest>();
        const std::shared_ptr<HttpRequest>& request = request_;
        if (!wire::split_target(std::string_view(message.target().data(), message.target().size()), request->path,
                                request->query))
            return refuse(400, "BadRequest", "the request target must be a path with valid %-escapes");
        const auto method = message.method_string();
        request->method.assign(method.data(), method.size());
        auto& headers = request->headers;
        size_t count = 0;
        for (const auto& field : message) {
            const auto name = field.name_string();
            const auto value = field.value();
            if (count == headers.size()) headers.emplace_back();
            headers[count].first.assign(name.data(), name.size());
            headers[count].second.assign(value.data(), value.size());
            ++count;
        }
        headers.resize(count);
        request->remote_address = remote_;
        request->channel.reset();
        if (bws::is_upgrade(message) && server_->websocket().matches && server_->websocket().matches(*request))
            return upgrade(std::make_shared<bhttp::request<bhttp::string_body>>(std::move(message)), request);
        request->body = std::move(message.body());
        const bool keep_alive = message.keep_alive();
        const bool http_10 = message.version() == 10;
        if (!server_->take_worker_slot()) return write(busy(), request->method == "HEAD", keep_alive, http_10);
        if (serving_ == this) {  // read by the worker that answered the previous request: it answers this one too
            next_ = Pending{std::move(request), keep_alive, http_10};
            return;
        }
        if (auto* slot = server_->loop_slot_here()) {  // answered here, on the event loop
            HttpServer::Impl::OnLoop on_loop(*server_, *slot);
            return handle(*request, keep_alive, http_10);
        }
        server_->workers().post([self = shared_from_this(), request, keep_alive, http_10] {
            self->serve(std::move(request), keep_alive, http_10);
        });
    }

    // On a worker: answers the request, then each next request this worker read itself.
    void serve(std::shared_ptr<HttpRequest> request, bool keep_alive, bool http_10) {
        for (;;) {
            serving_ = this;
            handle(*request, keep_alive, http_10);
            serving_ = nullptr;
            if (!next_) return;
            request = std::move(next_->request);
            keep_alive = next_->keep_alive;
            http_10 = next_->http_10;
            next_.reset();
        }
    }

    // On the worker that just answered a keep-alive request, while no other request waits for a
    // worker: waits up to server.worker_keep_alive_wait for the next request on this socket, and
    // reads it here, sparing the two thread hand-overs through the event loop (a client that sends
    // its next request as soon as it has the answer is the common case). False: nothing came (or
    // the wait is off); the caller goes back to the event loop.
    bool wait_on_worker() {
        // Never past the keep-alive deadline the event loop would apply.
        const long long wait_us =
            std::min<long long>(options().worker_keep_alive_wait, options().keep_alive_timeout * 1000000ll);
        if (wait_us <= 0) return false;
        state_ = State::arming;  // drain() looks again until this ends
        // The pool's wait_fd is readable while a request is queued for a worker, and after a stop:
        // then this worker goes back at once (also when it is so before the wait begins).
        pollfd ready[2] = {{socket_.native_handle(), POLLIN, 0}, {server_->workers().wait_fd(), POLLIN, 0}};
        const timespec timeout{static_cast<time_t>(wait_us / 1000000), static_cast<long>(wait_us % 1000000) * 1000};
        if (::ppoll(ready, 2, &timeout, nullptr) <= 0 || ready[1].revents ||
            !(ready[0].revents & (POLLIN | POLLHUP | POLLERR)) || server_->draining())
            return false;
        beast::error_code ec;
        const size_t bytes = socket_.read_some(buffer_.prepare(8192), ec);
        if (ec == net::error::would_block || ec == net::error::try_again) return false;
        if (ec) {
            close();
            return true;
        }
        buffer_.commit(bytes);
        // Parsed here as on the event loop: a request that came complete is dispatched to this
        // worker (dispatch() sees serving_); the rest goes on through the event loop like any other.
        parse_header();
        return true;
    }

    // A WebSocket handshake for the endpoint: the endpoint decides on a worker; the socket then
    // leaves this connection for a WsSession (or the refusal is answered over HTTP).
    void upgrade(std::shared_ptr<bhttp::request<bhttp::string_body>> message, std::shared_ptr<HttpRequest> request);

    // On a worker thread.
    void handle(const HttpRequest& request, bool keep_alive, bool http_10) {
        // The previous answer's object when written and released (written() empties it).
        std::shared_ptr<HttpResponse> response =
            spare_response_ ? std::move(spare_response_) : std::make_shared<HttpResponse>();
        try {
            server_->handler()(request, *response);
        } catch (const std::exception& error) {
            *response = HttpResponse();
            response->error(500, "InternalServerError", error.what());
        }
        server_->release_worker_slot();
        const bool head = request.method == "HEAD";
        if (response->deferred) {
            // An asynchronous callback: this worker is free now; the answer is written when it comes.
            std::shared_ptr<DeferredResponse> deferred = std::move(response->deferred);
            deferred->attach([self = shared_from_this(), head, keep_alive, http_10](HttpResponse&& answer) {
                auto done = std::make_shared<HttpResponse>(std::move(answer));
                net::post(self->socket_.get_executor(),
                          [self, done, head, keep_alive, http_10] { self->write(done, head, keep_alive, http_10); });
            });
            return;
        }
        // Answered from this thread: a connection in `handling` has no other operation in progress.
        write(std::move(response), head, keep_alive, http_10);
    }

    // On the connection's strand, or on the worker that just handled the request.
    void write(std::shared_ptr<HttpResponse> response, bool head, bool keep_alive, bool http_10) {
        if (state_ == State::closed) return;
        ++served_;
        keep_alive = keep_alive && !close_after_ && options().keep_alive && !server_->draining() &&
                     (options().max_keep_alive_requests == 0 || served_ < options().max_keep_alive_requests);
        state_ = State::writing;
        out_ = std::move(response);
        wire::write_response_head(head_, *out_, keep_alive, http_10);
        const std::string_view payload = out_->payload();
        const bool no_body = head || out_->status == 204 || out_->status == 304;
        beast::buffers_suffix<std::array<net::const_buffer, 2>> rest(std::array<net::const_buffer, 2>{
            net::buffer(head_), no_body ? net::const_buffer() : net::buffer(payload.data(), payload.size())});
        // Most answers fit in the socket's send buffer: written now, without a trip through the
        // event loop; what does not fit is written asynchronously, under the write deadline.
        beast::error_code ec;
        while (!ec && beast::buffer_bytes(rest) > 0) {
            const size_t written = socket_.write_some(rest, ec);
            rest.consume(written);
        }
        if (ec && ec != net::error::would_block && ec != net::error::try_again) return close();
        if (beast::buffer_bytes(rest) == 0) return written(keep_alive);
        arm(options().timeout);
        net::async_write(socket_, rest,
                         [self = shared_from_this(), keep_alive](const beast::error_code& error, size_t) {
                             if (error) return self->close();
                             self->written(keep_alive);
                         });
    }

    void written(bool keep_alive) {
        recycle();
        if (close_after_) return linger();
        if (!keep_alive) return close();
        next_request();
    }

    // After an answer: the request and response objects are kept for the connection's next
    // request, emptied of their bodies (an idle connection holds no megabytes), unless something
    // else still holds them.
    void recycle() {
        if (request_ && request_.use_count() == 1)
            std::string().swap(request_->body);
        else
            request_.reset();
        if (out_ && out_.use_count() == 1) {
            out_->clear();
            spare_response_ = std::move(out_);
        }
        out_.reset();
    }

    // The answer when every worker is taken and the queue is full.
    static std::shared_ptr<HttpResponse> busy() {
        auto response = std::make_shared<HttpResponse>();
        response->error(503, "ServiceUnavailable", "the server is busy; try again");
        response->set_header("Retry-After", "1");
        return response;
    }

    // Answers a fault in the request and closes the connection after it.
    void refuse(int status, const std::string& name, const std::string& message) {
        auto response = std::make_shared<HttpResponse>();
        response->error(status, name, message);
        close_after_ = true;
        write(std::move(response), false, false, false);
    }

    // 413: answered, then the rest of the body is read and dropped (up to 256 MiB, for the time of a
    // body) so that the client gets to read the answer instead of a reset.
    void refuse_body() {
        refuse(413, "RequestEntityTooLarge",
               "the request body exceeds the limit of " + std::to_string(options().max_body_size >> 20) +
                   " MiB; raise server.max_body_size (DASH_MAX_BODY_SIZE) to accept it");
    }

    void linger() {
        state_ = State::lingering;
        beast::error_code ec;
        socket_.shutdown(tcp::socket::shutdown_send, ec);
        arm(options().timeout);
        discard();
    }
    void discard() {
        // Into the connection's own buffer (what was read of the request is of no use any more): no
        // per-connection scratch space for the rare refused body.
        buffer_.clear();
        socket_.async_read_some(buffer_.prepare(16384),
                                [self = shared_from_this()](const beast::error_code& ec, size_t n) {
                                    self->discarded_ += n;
                                    if (ec || self->discarded_ > (256u << 20)) return self->close();
                                    self->discard();
                                });
    }

    void close() {
        if (state_ == State::closed) return;
        state_ = State::closed;
        timer_.cancel();
        beast::error_code ec;
        socket_.shutdown(tcp::socket::shutdown_both, ec);
        socket_.close(ec);
    }

    HttpServer::Impl* server_;  // outlives every connection (see Impl)
    Socket socket_;
    Timer timer_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::optional<Registry::iterator> listed_;
    std::atomic<State> state_{State::idle};  // drain() reads it from the strand while a worker writes
    std::string remote_;
    int served_ = 0;
    bool close_after_ = false;
    std::shared_ptr<HttpResponse> out_;  // the answer being written
    // Kept between requests (see recycle()): the last request, and an emptied response object.
    std::shared_ptr<HttpRequest> request_;
    std::shared_ptr<HttpResponse> spare_response_;
    // The connection a worker thread is answering (serve()), so that a next request read on that
    // worker is left in next_ for it instead of being posted to the pool. Per thread: an operation
    // this worker starts may complete on the event loop meanwhile, where it is null.
    static thread_local Connection* serving_;
    struct Pending {
        std::shared_ptr<HttpRequest> request;
        bool keep_alive, http_10;
    };
    std::optional<Pending> next_;
    std::string head_;
    size_t discarded_ = 0;
};

thread_local Connection* Connection::serving_ = nullptr;

// One accepted WebSocket: reads messages and hands each to the endpoint on a worker; writes what is
// sent, batching messages queued during a write into one JSON-array frame. Everything but send()
// and close() runs on the session's strand.
class WsSession : public Drainable, public WebSocketSession, public std::enable_shared_from_this<WsSession> {
public:
    WsSession(HttpServer::Impl* server, tcp::socket socket, std::shared_ptr<HttpRequest> request)
        : server_(server), ws_(std::move(socket)), request_(std::move(request)) {}
    ~WsSession() override {
        if (listed_) server_->delist(*listed_);
    }

    void start(std::shared_ptr<bhttp::request<bhttp::string_body>> upgrade) {
        listed_ = server_->enlist(shared_from_this());
        upgrade_ = std::move(upgrade);
        const ServerOptions& options = server_->options();
        bws::stream_base::timeout timeouts{};
        timeouts.handshake_timeout = Seconds(options.header_timeout);
        timeouts.idle_timeout = Seconds(std::max(options.timeout, 120));  // the renderer's heartbeat is 30 s
        timeouts.keep_alive_pings = true;
        ws_.set_option(timeouts);
        ws_.set_option(bws::stream_base::decorator(
            [](bws::response_type& response) { response.set(bhttp::field::server, "dashcpp"); }));
        ws_.read_message_max(static_cast<std::uint64_t>(options.max_body_size));
        ws_.async_accept(*upgrade_, [self = shared_from_this()](const beast::error_code& ec) {
            self->upgrade_.reset();
            if (ec) {
                spdlog::debug("WebSocket handshake with {} failed: {}", self->request_->remote_address, ec.message());
                return;
            }
            self->accepted_ = true;
            self->read();
            self->finish();  // a close asked for before the handshake ended (a websocket_connect hook)
        });
    }

    void send(std::string text) override {
        net::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
            if (self->closing_) return;
            self->queue_.push_back(std::move(text));
            self->flush();
        });
    }
    void close(int code, std::string reason) override {
        net::post(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
            self->close_reason_ = bws::close_reason(static_cast<bws::close_code>(code), reason);
            self->close_requested_ = true;
            self->finish();
        });
    }
    const HttpRequest& request() const override { return *request_; }

    void drain() override {
        net::post(ws_.get_executor(), [self = shared_from_this()] {
            if (self->close_requested_) return;
            self->close_reason_ = bws::close_reason(bws::close_code::going_away, "server shutting down");
            self->close_requested_ = true;
            self->finish();
        });
    }

private:
    void read() {
        ws_.async_read(buffer_, [self = shared_from_this()](const beast::error_code& ec, size_t) {
            if (ec) {
                if (ec == bws::error::buffer_overflow && !self->closing_) {
                    self->close_reason_ =
                        bws::close_reason(bws::close_code::too_big, "message exceeds server.max_body_size");
                    self->close_requested_ = true;
                    self->finish();
                }
                return;  // closed (by the peer, a deadline, or us)
            }
            std::string text = beast::buffers_to_string(self->buffer_.data());
            self->buffer_.consume(self->buffer_.size());
            self->received(std::move(text));
            self->read();
        });
    }

    void received(std::string text) {
        if (close_requested_) return;
        const WebSocketEndpoint& endpoint = server_->websocket();
        try {
            if (endpoint.quick && endpoint.quick(shared_from_this(), text)) return;
        } catch (const std::exception& error) {
            spdlog::error("WebSocket message handler: {}", error.what());
            return;
        }
        if (!server_->take_worker_slot()) {
            close_reason_ = bws::close_reason(bws::close_code::try_again_later, "the server is busy");
            close_requested_ = true;
            return finish();
        }
        ++in_flight_;
        server_->workers().post([self = shared_from_this(), text = std::move(text)]() mutable {
            try {
                self->server_->websocket().message(self, std::move(text));
            } catch (const std::exception& error) {
                spdlog::error("WebSocket message handler: {}", error.what());
            }
            self->server_->release_worker_slot();
            net::post(self->ws_.get_executor(), [self] {
                --self->in_flight_;
                self->finish();
            });
        });
    }

    void flush() {
        if (!accepted_ || writing_ || queue_.empty() || closing_) return;
        writing_ = true;
        if (queue_.size() == 1) {
            out_ = std::move(queue_.front());
        } else {
            out_ = "[";
            for (size_t i = 0; i < queue_.size(); ++i) {
                if (i) out_ += ',';
                out_ += queue_[i];
            }
            out_ += ']';
        }
        queue_.clear();
        ws_.text(true);
        ws_.async_write(net::buffer(out_), [self = shared_from_this()](const beast::error_code& ec, size_t) {
            self->writing_ = false;
            self->out_.clear();
            if (ec) return;
            self->flush();
            self->finish();
        });
    }

    // Closes once asked to and nothing is left to answer or write.
    void finish() {
        if (!accepted_) return;  // the handshake's completion looks again
        if (!close_requested_ || closing_ || in_flight_ > 0 || writing_ || !queue_.empty()) {
            if (close_requested_ && !closing_ && in_flight_ == 0) flush();
            return;
        }
        closing_ = true;
        ws_.async_close(close_reason_, [self = shared_from_this()](const beast::error_code&) {});
    }

    HttpServer::Impl* server_;
    bws::stream<tcp::socket> ws_;
    std::shared_ptr<HttpRequest> request_;
    std::shared_ptr<bhttp::request<bhttp::string_body>> upgrade_;
    std::optional<Registry::iterator> listed_;
    beast::flat_buffer buffer_;
    std::vector<std::string> queue_;
    std::string out_;
    bool writing_ = false;
    bool accepted_ = false;
    int in_flight_ = 0;
    bool close_requested_ = false;
    bool closing_ = false;
    bws::close_reason close_reason_;
};

void Connection::upgrade(std::shared_ptr<bhttp::request<bhttp::string_body>> message,
                         std::shared_ptr<HttpRequest> request) {
    if (!server_->take_worker_slot()) {
        close_after_ = true;
        return write(busy(), false, false, false);
    }
    server_->workers().post([self = shared_from_this(), message, request] {
        std::optional<WebSocketRefusal> refusal;
        try {
            if (self->server_->websocket().accept) refusal = self->server_->websocket().accept(*request);
        } catch (const std::exception& error) {
            refusal = WebSocketRefusal{500, 0, error.what()};
        }
        self->server_->release_worker_slot();
        net::post(self->socket_.get_executor(), [self, message, request, refusal] {
            if (self->state_ == State::closed) return;
            if (refusal && refusal->http_status) {
                auto refused = std::make_shared<HttpResponse>();
                refused->error(refusal->http_status, refusal->http_status == 403 ? "Forbidden" : "WebSocketRefused",
                               refusal->reason);
                self->close_after_ = true;
                return self->write(std::move(refused), false, false, false);
            }
            self->state_ = State::closed;  // the socket is the session's now
            self->timer_.cancel();
            auto session = std::make_shared<WsSession>(self->server_, tcp::socket(std::move(self->socket_)), request);
            session->start(message);
            if (refusal) session->close(refusal->close_code, refusal->reason);
        });
    });
}

void HttpServer::Impl::listen() {
    const std::string where = options_.host + ":" + std::to_string(options_.port);
    beast::error_code ec;
    tcp::resolver resolver(io_);
    const auto results = resolver.resolve(options_.host, std::to_string(options_.port), tcp::resolver::passive, ec);
    if (ec || results.empty())
        throw std::runtime_error("cannot listen on " + where + ": the address does not resolve (" + ec.message() + ")");
    const tcp::endpoint endpoint = *results.begin();
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec && options_.reuse_port) {
        const int on = 1;
        if (::setsockopt(acceptor_.native_handle(), SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0)
            ec = beast::error_code(errno, boost::system::system_category());
    }
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        std::string hint;
        if (ec == net::error::address_in_use) hint = " (another process listens there; pick another --port)";
        throw std::runtime_error("cannot listen on " + where + ": " + ec.message() + hint);
    }
    port_ = acceptor_.local_endpoint().port();
}

void HttpServer::Impl::accept() {
    acceptor_.async_accept(net::make_strand(io_), [self = this](const beast::error_code& ec, Socket socket) {
        if (ec == net::error::operation_aborted || !self->acceptor_.is_open()) return;
        if (ec) {
            // Out of file descriptors (or another transient fault): wait a little, do not spin.
            spdlog::warn("accepting a connection failed: {}", ec.message());
            self->retry_timer_.expires_after(std::chrono::milliseconds(50));
            self->retry_timer_.async_wait([self](const beast::error_code& error) {
                if (!error) self->accept();
            });
            return;
        }
        bool overloaded = false;
        {
            std::lock_guard<std::mutex> lock(self->connections_mutex_);
            overloaded = self->open_ >= self->options_.max_connections;
        }
        if (overloaded)
            self->refuse_overload(std::move(socket));
        else
            std::make_shared<Connection>(self, std::move(socket))->start();
        self->accept();
    });
}

// Beyond max_connections: a short 503 and the connection closed, never a silent close.
void HttpServer::Impl::refuse_overload(Socket socket) {
    static const std::string answer =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 1\r\nContent-Length: 52\r\n"
        "Connection: close\r\n\r\nThe server has too many open connections; try again\n";
    auto held = std::make_shared<Socket>(std::move(socket));
    net::async_write(*held, net::buffer(answer), [held](const beast::error_code&, size_t) {
        beast::error_code ec;
        held->shutdown(tcp::socket::shutdown_both, ec);
        held->close(ec);
    });
}

bool HttpServer::Impl::shutdown(std::chrono::milliseconds deadline) {
    draining_ = true;
    workers_.interrupt_waits();  // workers waiting on a keep-alive socket go back now
    net::post(acceptor_.get_executor(), [self = this] {
        beast::error_code ec;
        self->acceptor_.close(ec);
        self->retry_timer_.cancel();
    });
    // Collected under the lock, drained (and released: maybe the last reference, whose destructor
    // takes the lock) outside it.
    std::vector<std::shared_ptr<Drainable>> open;
    {
        std::lock_guard<std::mutex> lock(connections_mutex_);
        for (const auto& weak : connections_)
            if (auto connection = weak.lock()) open.push_back(std::move(connection));
    }
    for (const auto& connection : open) connection->drain();
    open.clear();
    std::unique_lock<std::mutex> lock(connections_mutex_);
    const bool all = all_closed_.wait_for(lock, deadline, [this] { return open_ == 0; });
    lock.unlock();
    stop();
    return all;
}

void HttpServer::Impl::stop() {
    if (stopped_.exchange(true)) return;
    {
        std::lock_guard<std::mutex> lock(monitor_mutex_);
        monitor_stop_ = true;
    }
    monitor_wake_.notify_all();
    if (monitor_.joinable()) monitor_.join();  // before the workers stop: it posts helpers to them
    keep_running_.reset();
    io_.stop();
    for (auto& thread : io_threads_)
        if (thread.joinable()) thread.join();
    workers_.stop();
    workers_.join();
}

HttpServer::HttpServer(const ServerOptions& options, Handler handler, WebSocketEndpoint websocket)
    : impl_(std::make_unique<Impl>(options, std::move(handler), std::move(websocket))) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() { impl_->start(); }

bool HttpServer::shutdown(std::chrono::milliseconds deadline) { return impl_->shutdown(deadline); }

void HttpServer::stop() {
    if (impl_) impl_->stop();
}

int HttpServer::port() const { return impl_->port(); }

}  // namespace dash::core
