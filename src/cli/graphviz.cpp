#include "cli/graphviz.hpp"

#include <cstdio>
#include <unistd.h>

#include "drp/error.hpp"

namespace drp::cli {

// The DOT goes through a temporary file: the text never touches a shell.
std::string dot_to_svg(const std::string& dot) {
    char path[] = "/tmp/drp-render-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) throw error(errc::io, "cannot create a temporary file for Graphviz");
    FILE* f = fdopen(fd, "w");
    const bool written = f && std::fwrite(dot.data(), 1, dot.size(), f) == dot.size();
    if ((f ? std::fclose(f) : ::close(fd)) != 0 || !written) {
        std::remove(path);
        throw error(errc::io, "cannot write a temporary file for Graphviz");
    }
    const std::string command = std::string("dot -Tsvg ") + path + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    std::string svg;
    if (pipe) {
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) svg.append(buf, n);
        const int status = pclose(pipe);
        if (status != 0) svg.clear();
    }
    std::remove(path);
    if (svg.empty()) throw error(errc::io, "Graphviz 'dot' is not installed or failed; install graphviz, or use --format dot");
    return svg;
}

}  // namespace drp::cli
