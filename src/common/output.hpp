// Writing output the checked way: a file appears whole or not at all (written to a
// temporary file beside it, renamed into place only when complete, so a full disk leaves
// no partial file and an existing one untouched), and standard output's write errors
// (a full disk, /dev/full, a closed pipe) are an io error, not exit 0 with data missing.
#pragma once

#include <streambuf>
#include <string>
#include <string_view>

namespace drp::detail {

class output_file {
public:
    /// Creates the temporary file beside `path` (drp::io_error when it cannot).
    explicit output_file(std::string path);
    ~output_file();  // removes the temporary file unless commit() succeeded
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;

    void write(std::string_view text);
    /// Flushes to disk and renames the file into place.
    void commit();

private:
    std::string path_, temporary_;
    int fd_ = -1;
};

/// Writes all of text to `path` atomically ("-" is standard output).
void write_output(const std::string& path, std::string_view text);

/// Writes to standard output with every write checked (drp::io_error on failure).
void write_stdout(std::string_view text);

/// The CLI's std::cout buffer: writes to file descriptor 1 with every write checked and
/// keeps the reason of the first failure (ENOSPC for a full disk), which finish() reports.
class checked_stdout : public std::streambuf {
public:
    checked_stdout() { setp(buffer_, buffer_ + sizeof buffer_); }
    /// Flushes; drp::io_error if anything written was lost.
    void finish();

protected:
    int overflow(int c) override;
    int sync() override;

private:
    char buffer_[1 << 16];
    int error_ = 0;
};

}  // namespace drp::detail
