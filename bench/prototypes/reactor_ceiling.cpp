// Prototype for issue 10: the ceiling of Poco 1.11's event-driven option, Poco::Net::SocketReactor
// (one reactor thread; ParallelSocketAcceptor spreads connections over N reactors), answering every
// request with a fixed 60-byte JSON. Usage: reactor-ceiling --port N [--reactors N]
#include "common.hpp"

#include <Poco/NObserver.h>
#include <Poco/Net/ParallelSocketAcceptor.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketNotification.h>
#include <Poco/Net/SocketReactor.h>
#include <Poco/Net/StreamSocket.h>

#include <csignal>
#include <cstring>
#include <iostream>
#include <thread>

namespace {

class Connection {
public:
    Connection(Poco::Net::StreamSocket& socket, Poco::Net::SocketReactor& reactor)
        : socket_(socket), reactor_(reactor) {
        reactor_.addEventHandler(
            socket_, Poco::NObserver<Connection, Poco::Net::ReadableNotification>(*this, &Connection::readable));
    }
    ~Connection() {
        reactor_.removeEventHandler(
            socket_, Poco::NObserver<Connection, Poco::Net::ReadableNotification>(*this, &Connection::readable));
    }
    void readable(const Poco::AutoPtr<Poco::Net::ReadableNotification>&) {
        char chunk[16384];
        int n = 0;
        try {
            n = socket_.receiveBytes(chunk, sizeof chunk);
        } catch (const Poco::Exception&) {
            n = 0;
        }
        if (n <= 0) {
            delete this;
            return;
        }
        buffer_.append(chunk, static_cast<size_t>(n));
        while (size_t used = prototype::complete_request(buffer_)) {
            buffer_.erase(0, used);
            socket_.sendBytes(prototype::answer.data(), static_cast<int>(prototype::answer.size()));
        }
    }

private:
    Poco::Net::StreamSocket socket_;
    Poco::Net::SocketReactor& reactor_;
    std::string buffer_;
};

}  // namespace

int main(int argc, char** argv) {
    int port = 0;
    unsigned reactors = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--port")) port = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--reactors")) reactors = static_cast<unsigned>(std::atoi(argv[i + 1]));
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), 1024);
    Poco::Net::SocketReactor reactor;
    Poco::Net::ParallelSocketAcceptor<Connection, Poco::Net::SocketReactor> acceptor(listener, reactor, reactors);
    std::thread loop([&] { reactor.run(); });
    std::cout << "reactor-ceiling on 127.0.0.1:" << listener.address().port() << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    reactor.stop();
    loop.join();
    return 0;
}
