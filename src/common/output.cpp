#include "common/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

#include "drp/error.hpp"

namespace drp::detail {
namespace {

[[noreturn]] void fail(const std::string& what, int why) {
    throw io_error(what + ": " + std::strerror(why), why);
}

void write_fd(int fd, std::string_view text, const std::string& name) {
    while (!text.empty()) {
        const auto n = ::write(fd, text.data(), text.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("cannot write " + name, errno);
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace

output_file::output_file(std::string path) : path_(std::move(path)) {
    if (path_.empty()) throw io_error("cannot write: no output path given", ENOENT);
    struct stat st {};
    const bool exists = ::stat(path_.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) throw io_error("cannot write " + path_ + ": it is a directory", EISDIR);
    if (exists && !S_ISREG(st.st_mode)) {
        // A device or a pipe (/dev/stdout, a FIFO): written to as it is, never replaced.
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (fd_ < 0) fail("cannot write " + path_, errno);
        return;
    }
    // O_EXCL under a name of our own: the file gets the mode the umask allows, as the
    // target would (mkstemp would make it 0600), or the target's mode when it exists.
    const mode_t mode = exists ? (st.st_mode & 07777) : 0666;
    for (unsigned attempt = 0; fd_ < 0; ++attempt) {
        temporary_ = path_ + ".drp-" + std::to_string(::getpid()) + "-" + std::to_string(attempt) + ".tmp";
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd_ < 0 && (errno != EEXIST || attempt == 100)) {
            const int why = errno;
            temporary_.clear();
            fail("cannot write " + path_, why);
        }
    }
    if (exists) ::fchmod(fd_, mode);  // not narrowed by the umask
}

output_file::~output_file() {
    if (fd_ >= 0) ::close(fd_);
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
}

void output_file::write(std::string_view text) { write_fd(fd_, text, path_); }

void output_file::commit() {
    if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) fail("cannot write " + path_, errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("cannot write " + path_, errno);
    if (temporary_.empty()) return;  // a device or a pipe, written in place
    if (::rename(temporary_.c_str(), path_.c_str()) != 0) fail("cannot write " + path_, errno);
    temporary_.clear();
}

void write_output(const std::string& path, std::string_view text) {
    if (path == "-") {
        write_stdout(text);
        return;
    }
    output_file out(path);
    out.write(text);
    out.commit();
}

void write_stdout(std::string_view text) {
    errno = 0;
    // What was written before goes first; a large text then goes to the descriptor as it
    // is, not copied through the stream's buffer (drp simulate writes 64 KiB at a time).
    const bool direct = text.size() >= 4096;
    if (!direct) std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) fail("cannot write to standard output", errno ? errno : EIO);
    if (!direct) return;
    try {
        write_fd(STDOUT_FILENO, text, "standard output");
    } catch (const io_error& e) {
        fail("cannot write to standard output", e.os_error());  // (the stream's wording)
    }
}

// ---- the CLI's standard output --------------------------------------------------------------

int checked_stdout::overflow(int c) {
    if (sync() != 0) return traits_type::eof();
    if (c != traits_type::eof()) {
        *pptr() = static_cast<char>(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

int checked_stdout::sync() {
    const std::string_view pending(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_, buffer_ + sizeof buffer_);
    if (error_ != 0) return -1;  // the first failure stands; nothing more is written
    try {
        write_fd(STDOUT_FILENO, pending, "standard output");
    } catch (const io_error& e) {
        error_ = e.os_error();
        return -1;
    }
    return 0;
}

void checked_stdout::finish() {
    std::cout.flush();
    sync();
    if (error_ != 0) fail("cannot write to standard output", error_);
}

}  // namespace drp::detail
