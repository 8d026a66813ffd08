// Reading input files the one checked way (CLI, C API, Python): "-" is standard input;
// anything else must be a regular file ("is a directory", "is a device" otherwise); every
// read is checked, so a failed or short read is an io error naming the file and line,
// never the end of the data; and input is bounded (drp/limits.hpp), so /dev/zero or an
// endless stream ends in an error, not in the machine's memory running out.
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "drp/limits.hpp"

namespace drp::detail {

/// Where bytes come from: a file descriptor or a C++ stream. read() returns 0 at the end
/// and throws drp::io_error when reading fails.
class byte_source {
public:
    virtual ~byte_source() = default;
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
    /// How messages name the source: the path, or "<stdin>".
    virtual const std::string& name() const = 0;
};

/// Opens a file for reading: "-" is standard input; otherwise it must be a regular file.
/// drp::io_error "cannot read P: No such file or directory", "cannot read P: it is a
/// directory", ... `what` names it in messages ("policy file", "log").
std::unique_ptr<byte_source> open_input(const std::string& path, std::string_view what = "");

/// A C++ stream as a source (C++ callers' std::istream); a stream that fails is an io error.
std::unique_ptr<byte_source> stream_input(std::istream& in, std::string name);

/// The lines of a source, each at most max_bytes long (without its "\n"): a longer line is
/// drp::error(out_of_range) naming the source and line, not a line read in part.
class line_reader {
public:
    line_reader(byte_source& source, std::size_t max_bytes = default_max_line_bytes);

    /// The next line into `line` (a "\r" before the "\n" is kept); false at the end.
    bool next(std::string& line);
    /// The number of the line last returned, from 1.
    std::size_t number() const noexcept { return number_; }

private:
    bool fill();

    byte_source& source_;
    std::size_t max_;
    std::unique_ptr<char[]> buffer_;
    std::size_t begin_ = 0, end_ = 0;
    std::size_t number_ = 0;
    bool done_ = false;
};

/// The whole of a source, at most max_bytes (drp::error(out_of_range) beyond).
std::string read_all(byte_source& source, std::size_t max_bytes = default_max_file_bytes);

/// open_input then read_all.
std::string read_file(const std::string& path, std::size_t max_bytes = default_max_file_bytes, std::string_view what = "");

}  // namespace drp::detail
