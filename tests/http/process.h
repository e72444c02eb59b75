// Child processes for the tests that run the real `kaifang` binary.
#pragma once

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace kf::test {

// Starts `args` (args[0] is the program) with stdout (and, when `quiet`, stderr) on /dev/null.
inline pid_t spawn(const std::vector<std::string>& args, bool quiet = true) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    if (quiet) dup2(devnull, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Waits for a child; returns its exit code, or -1 when a signal ended it.
inline int wait_exit(pid_t pid, int* raw_status = nullptr) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (raw_status) *raw_status = status;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline int run(const std::vector<std::string>& args) { return wait_exit(spawn(args)); }

}  // namespace kf::test
