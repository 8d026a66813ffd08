#include "common/input.hpp"

#include <cerrno>
#include <cstring>
#include <new>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drp/error.hpp"

namespace drp::detail {
namespace {

constexpr std::size_t chunk = std::size_t{1} << 16;

std::string label(std::string_view what, const std::string& path) {
    return what.empty() ? path : std::string(what) + " " + path;
}

std::string size_text(std::size_t bytes) {
    if (bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

// What a file that is not a regular one is, for the message.
const char* kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "it is a directory";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "it is a device, not a regular file";
    if (S_ISFIFO(mode)) return "it is a pipe, not a regular file (use - to read standard input)";
    if (S_ISSOCK(mode)) return "it is a socket, not a regular file";
    return "it is not a regular file";
}

class fd_source final : public byte_source {
public:
    fd_source(int fd, std::string name, bool owned) : fd_(fd), name_(std::move(name)), owned_(owned) {}
    ~fd_source() override {
        if (owned_) ::close(fd_);
    }
    fd_source(const fd_source&) = delete;
    fd_source& operator=(const fd_source&) = delete;

    std::size_t read(char* buffer, std::size_t size) override {
        for (;;) {
            const auto n = ::read(fd_, buffer, size);
            if (n >= 0) return static_cast<std::size_t>(n);
            if (errno == EINTR) continue;
            const int why = errno;
            throw io_error("error reading " + name_ + ": " + std::strerror(why), why);
        }
    }
    const std::string& name() const override { return name_; }

private:
    int fd_;
    std::string name_;
    bool owned_;
};

class stream_source final : public byte_source {
public:
    stream_source(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

    std::size_t read(char* buffer, std::size_t size) override {
        if (!in_.good()) {
            if (in_.bad()) fail();
            return 0;
        }
        try {
            in_.read(buffer, static_cast<std::streamsize>(size));
        } catch (const std::ios_base::failure&) {
            fail();
        }
        if (in_.bad()) fail();
        return static_cast<std::size_t>(in_.gcount());
    }
    const std::string& name() const override { return name_; }

private:
    [[noreturn]] void fail() { throw io_error("error reading " + name_, 0); }

    std::istream& in_;
    std::string name_;
};

}  // namespace

std::unique_ptr<byte_source> open_input(const std::string& path, std::string_view what) {
    if (path == "-") return std::make_unique<fd_source>(STDIN_FILENO, "<stdin>", false);
    const std::string name = label(what, path);
    if (path.empty()) throw io_error("cannot read " + (what.empty() ? std::string("a file") : std::string(what)) + ": no path given", ENOENT);
    int fd;
    do {
        // O_NONBLOCK: opening a FIFO with no writer must not hang before fstat says what it is.
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        const int why = errno;
        throw io_error("cannot read " + name + ": " + std::strerror(why), why);
    }
    auto source = std::make_unique<fd_source>(fd, path, true);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int why = errno;
        throw io_error("cannot read " + name + ": " + std::strerror(why), why);
    }
    if (!S_ISREG(st.st_mode)) throw io_error("cannot read " + name + ": " + kind_of(st.st_mode), S_ISDIR(st.st_mode) ? EISDIR : 0);
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return source;
}

std::unique_ptr<byte_source> stream_input(std::istream& in, std::string name) {
    return std::make_unique<stream_source>(in, std::move(name));
}

line_reader::line_reader(byte_source& source, std::size_t max_bytes)
    : source_(source), max_(max_bytes), buffer_(std::make_unique<char[]>(chunk)) {}

bool line_reader::fill() {
    if (done_) return false;
    begin_ = 0;
    end_ = source_.read(buffer_.get(), chunk);
    if (end_ == 0) done_ = true;
    return end_ != 0;
}

bool line_reader::next(std::string& line) {
    line.clear();
    bool any = false;
    for (;;) {
        if (begin_ == end_ && !fill()) {
            if (!any) return false;
            ++number_;  // a last line without "\n"
            return true;
        }
        any = true;
        const char* start = buffer_.get() + begin_;
        const std::size_t available = end_ - begin_;
        const void* nl = std::memchr(start, '\n', available);
        const std::size_t take = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : available;
        if (line.size() + take > max_)
            throw error(errc::out_of_range, source_.name() + " line " + std::to_string(number_ + 1) + ": longer than " +
                                                size_text(max_) + " (the limit for one line; an event is far shorter)");
        try {
            line.append(start, take);
        } catch (const std::bad_alloc&) {
            line = std::string();  // give back what there is, for the message
            throw io_error(source_.name() + " line " + std::to_string(number_ + 1) + ": out of memory reading the line", ENOMEM);
        }
        begin_ += take;
        if (nl) {
            ++begin_;
            ++number_;
            return true;
        }
    }
}

std::string read_all(byte_source& source, std::size_t max_bytes) {
    std::string text;
    char buffer[chunk];
    for (;;) {
        const std::size_t n = source.read(buffer, sizeof buffer);
        if (n == 0) return text;
        if (text.size() + n > max_bytes)
            throw error(errc::out_of_range, source.name() + ": larger than " + size_text(max_bytes) + " (the limit for this file)");
        text.append(buffer, n);
    }
}

std::string read_file(const std::string& path, std::size_t max_bytes, std::string_view what) {
    const auto source = open_input(path, what);
    return read_all(*source, max_bytes);
}

}  // namespace drp::detail
