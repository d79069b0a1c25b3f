#pragma once

// Runs a function in a forked child and reports how the child ended and what it wrote to
// stderr: for "this must abort with that message" tests (debug checks, -fno-exceptions),
// without a death-test framework. POSIX only.

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace support {

struct ChildResult {
    bool aborted = false; // ended by SIGABRT
    int signal = 0;       // the signal that ended it, 0 if it exited
    int exit_code = -1;   // its exit status, -1 if a signal ended it
    std::string err;      // everything it wrote to stderr
};

// f runs in the child; if it returns, the child exits with status 0.
template <class F>
ChildResult run_in_child(F f) {
    ChildResult r;
    int fds[2];
    if (pipe(fds) != 0) {
        std::perror("pipe");
        std::abort();
    }
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid < 0) {
        std::perror("fork");
        std::abort();
    }
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        close(fds[1]);
        // A test framework's crash handler (Catch2's) would report the abort as its own.
        std::signal(SIGABRT, SIG_DFL);
        f();
        std::fflush(nullptr);
        _exit(0);
    }
    close(fds[1]);
    char chunk[512];
    ssize_t got;
    while ((got = read(fds[0], chunk, sizeof chunk)) > 0)
        r.err.append(chunk, static_cast<std::size_t>(got));
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    if (WIFSIGNALED(status)) {
        r.signal = WTERMSIG(status);
        r.aborted = r.signal == SIGABRT;
    } else if (WIFEXITED(status)) {
        r.exit_code = WEXITSTATUS(status);
    }
    return r;
}

// The first line of s (without the newline).
inline std::string first_line(const std::string& s) {
    return s.substr(0, s.find('\n'));
}

} // namespace support
