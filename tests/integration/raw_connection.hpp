// Test helper: one TCP connection to the host, spoken to byte by byte (for what an HTTP client
// library will not send: bad framing, pipelining, slow or silent clients).
#pragma once

#include "host_process.hpp"

#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace dash::test {

class RawConnection {
public:
    explicit RawConnection(int port) {
        std::signal(SIGPIPE, SIG_IGN);  // a write to a connection the server closed fails, not kills
        socket_.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
        socket_.setNoDelay(true);
        socket_.setReceiveTimeout(Poco::Timespan(10, 0));
    }

    void send(const std::string& bytes) {
        if (!try_send(bytes)) throw std::runtime_error("the server closed the connection while sending");
    }
    bool try_send(const std::string& bytes) {
        try {
            for (size_t sent = 0; sent < bytes.size();) {
                const int n = socket_.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
                if (n <= 0) return false;
                sent += static_cast<size_t>(n);
            }
            return true;
        } catch (const Poco::Exception&) {
            return false;
        }
    }

    // The next response (an interim 100 too); throws when the connection ends first.
    Reply read_reply() {
        size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
            if (!fill()) throw std::runtime_error("the connection closed before a response header");
        Reply reply;
        const std::string head = buffer_.substr(0, end);
        buffer_.erase(0, end + 4);
        size_t line_end = head.find("\r\n");
        const std::string status_line = head.substr(0, line_end);
        reply.status = std::stoi(status_line.substr(9, 3));
        reply.reason = status_line.size() > 13 ? status_line.substr(13) : "";
        while (line_end != std::string::npos) {
            const size_t start = line_end + 2;
            line_end = head.find("\r\n", start);
            const std::string line =
                head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
            const size_t colon = line.find(':');
            if (colon != std::string::npos) {
                reply.headers[line.substr(0, colon)] = line.substr(colon + 2);
                reply.header_list.emplace_back(line.substr(0, colon), line.substr(colon + 2));
            }
        }
        if (reply.status == 100 || reply.status == 101 || reply.status == 204 || reply.status == 304) return reply;
        const std::string length = reply.header("Content-Length");
        if (length.empty()) {
            while (fill()) {
            }
            reply.body = std::move(buffer_);
            buffer_.clear();
            return reply;
        }
        const size_t size = std::stoul(length);
        while (buffer_.size() < size)
            if (!fill()) throw std::runtime_error("the connection closed inside a response body");
        reply.body = buffer_.substr(0, size);
        buffer_.erase(0, size);
        return reply;
    }

    // True when the server closes the connection within `within` (unread data counts as open).
    template <class Duration>
    bool closed_by_server(Duration within) {
        if (!buffer_.empty()) return false;
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(within).count();
        socket_.setReceiveTimeout(Poco::Timespan(micros / 1000000, micros % 1000000));
        bool closed = false;
        try {
            closed = !fill();
        } catch (const Poco::TimeoutException&) {
            closed = false;
        }
        socket_.setReceiveTimeout(Poco::Timespan(10, 0));
        return closed;
    }

    static std::string hex(size_t value) {
        char text[32];
        std::snprintf(text, sizeof text, "%zx", value);
        return text;
    }

private:
    // Reads what is there into the buffer; false at the end of the stream (or a reset).
    bool fill() {
        char chunk[16384];
        int n = 0;
        try {
            n = socket_.receiveBytes(chunk, sizeof chunk);
        } catch (const Poco::Net::ConnectionResetException&) {
            return false;
        }
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<size_t>(n));
        return true;
    }

    Poco::Net::StreamSocket socket_;
    std::string buffer_;
};

}  // namespace dash::test
