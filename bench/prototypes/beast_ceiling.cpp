// Prototype for issue 10: the ceiling of Boost.Asio (what the Beast layer runs on) answering every
// request with a fixed 60-byte JSON on the event-loop thread(s), the same minimal framing as the
// reactor prototype. Usage: beast-ceiling --port N [--threads N]
#include "common.hpp"

#include <boost/asio.hpp>

#include <cstring>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class Connection : public std::enable_shared_from_this<Connection> {
public:
    explicit Connection(tcp::socket socket) : socket_(std::move(socket)) {}
    void read() {
        socket_.async_read_some(net::buffer(chunk_), [self = shared_from_this()](boost::system::error_code ec,
                                                                                 size_t n) {
            if (ec) return;
            self->buffer_.append(self->chunk_, n);
            size_t answers = 0;
            while (size_t used = prototype::complete_request(self->buffer_)) {
                self->buffer_.erase(0, used);
                ++answers;
            }
            if (answers == 0) return self->read();
            self->out_.clear();
            for (size_t i = 0; i < answers; ++i) self->out_ += prototype::answer;
            net::async_write(self->socket_, net::buffer(self->out_), [self](boost::system::error_code error, size_t) {
                if (!error) self->read();
            });
        });
    }

private:
    tcp::socket socket_;
    char chunk_[16384];
    std::string buffer_, out_;
};

void accept(tcp::acceptor& acceptor, net::io_context& io) {
    acceptor.async_accept(net::make_strand(io), [&](boost::system::error_code ec, tcp::socket socket) {
        if (!ec) std::make_shared<Connection>(std::move(socket))->read();
        accept(acceptor, io);
    });
}

}  // namespace

int main(int argc, char** argv) {
    int port = 0, threads = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--port")) port = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    }
    net::io_context io(threads);
    tcp::acceptor acceptor(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int) { io.stop(); });
    accept(acceptor, io);
    std::cout << "beast-ceiling on 127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&] { io.run(); });
    io.run();
    for (auto& thread : pool) thread.join();
    return 0;
}
