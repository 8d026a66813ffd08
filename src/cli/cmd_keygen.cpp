// drp keygen [--output FILE] — a fresh key for the children's pseudonyms in reports
// (drp report --key-file; drp/report.hpp, pseudonym_key).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "drp/report.hpp"

namespace drp::cli {
namespace {

constexpr const char* keygen_help = R"(usage: drp keygen [--output FILE]

Prints a new key for the children's pseudonyms in reports: 64 hex digits (32 bytes) from
the operating system's random number generator. Give the file holding it to
drp report --key-file (Python: drp.report(..., key_file=FILE)) and the same child has the
same pseudonym in every report made with it, quarter after quarter.

Keep the key as you keep the data itself: whoever has it can test a guessed child_ref
against the pseudonyms of any report made with it. Without it nobody can, even knowing
every possible reference. docs/analyst-guide.md says more.

options:
  --output FILE       write the key to FILE (created readable by you alone; an existing
                      FILE is never overwritten, as that would lose the old key)
  --help              this text

exit status: 0 key made; 1 FILE exists or cannot be written; 2 usage error
)";

// Writes text to a new file only the owner may read; never replaces an existing file, and
// removes a partly written one.
void write_new_private_file(const std::string& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        const int e = errno;
        throw error(errc::io, "cannot write " + path + (e == EEXIST ? ": it exists (a key file is never overwritten)"
                                                                    : ": " + std::string(std::strerror(e))));
    }
    std::size_t done = 0;
    bool ok = true;
    while (ok && done < text.size()) {
        const auto n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        const int e = errno;
        ::unlink(path.c_str());
        throw error(errc::io, "cannot write " + path + ": " + std::strerror(e));
    }
}

}  // namespace

int run_keygen(const std::vector<std::string>& argv) {
    const args a(argv, {"output"}, {"help"});
    if (a.flag("help")) {
        std::cout << keygen_help;
        return 0;
    }
    if (!a.positional().empty()) throw usage_error("drp keygen takes no arguments; see drp keygen --help");
    const std::string text = pseudonym_key::random().hex() + "\n";
    if (const auto out = a.value("output")) {
        write_new_private_file(*out, text);
    } else if (!(std::cout << text << std::flush)) {
        throw error(errc::io, "cannot write the key to standard output");
    }
    return 0;
}

}  // namespace drp::cli
