#include "notify/sms.h"

#include <boost/json.hpp>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "core/config.h"

extern char** environ;

namespace kf::notify {

namespace {

using Clock = std::chrono::steady_clock;

// "+" (optional) then 5–20 digits: mainland mobile numbers (11 digits), landlines and
// international numbers, nothing that could be read as an option or a path.
bool valid_phone(const std::string& p) {
  std::size_t start = !p.empty() && p[0] == '+' ? 1 : 0;
  std::size_t digits = p.size() - start;
  if (digits < 5 || digits > 20) return false;
  for (std::size_t i = start; i < p.size(); ++i) {
    if (p[i] < '0' || p[i] > '9') return false;
  }
  return true;
}

// Well-formed UTF-8 (no overlong forms, no surrogates), so the JSON we write is valid.
bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 9;
    if (n == 9 || i + n >= s.size()) return false;  // invalid lead byte or truncated
    std::uint32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k <= n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// Closes a file descriptor once.
struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// Writes all of `data` to the non-blocking socket before `deadline`. A child that exits without
// reading its input is not an error here: its exit status decides.
void feed(int fd, const std::string& data, Clock::time_point deadline) {
  std::size_t off = 0;
  while (off < data.size() && Clock::now() < deadline) {
    ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n > 0) {
      off += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      pollfd p{fd, POLLOUT, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      ::poll(&p, 1, static_cast<int>(std::max<long long>(1, std::min<long long>(left, 100))));
    } else {
      return;  // EPIPE, ECONNRESET: the child closed its input
    }
  }
}

}  // namespace

Result<void> CommandSmsSender::send(const std::string& phone, const std::string& text) {
  if (!valid_phone(phone)) return Error::invalid("手机号码格式无效", "phone");
  if (text.empty() || text.size() > kMaxSmsBytes || !valid_utf8(text)) {
    return Error::invalid(fmt::format("短信内容应为 1–{} 字节的 UTF-8 文本", kMaxSmsBytes), "text");
  }
  const std::string input = boost::json::serialize(boost::json::object{{"phone", phone}, {"text", text}}) + "\n";
  const auto deadline = Clock::now() + std::chrono::seconds(timeout_s_);

  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    return Error::unavailable("无法运行短信命令", std::strerror(errno));
  }
  Fd ours{sv[0]}, theirs{sv[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, theirs.fd, STDIN_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);     // the server's blocked signals are not the child's
  posix_spawnattr_setsigdefault(&attr, &all);   // nor its ignored ones (SIGPIPE)
  posix_spawnattr_setpgroup(&attr, 0);          // own group: a timeout kills its children too
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::string program = command_;
  char* argv[] = {program.data(), nullptr};
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, program.c_str(), &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return Error::unavailable("无法运行短信命令（sms.command）", std::strerror(rc));
  theirs.reset();

  ::fcntl(ours.fd, F_SETFL, ::fcntl(ours.fd, F_GETFL) | O_NONBLOCK);
  feed(ours.fd, input, deadline);
  ours.reset();  // end of file on the child's input

  int status = 0;
  for (;;) {
    pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) return Error::unavailable("短信命令状态未知", std::strerror(errno));
    if (Clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return Error::unavailable(fmt::format("短信发送超时（{} 秒，sms.timeout_s）", timeout_s_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return kf::ok();
  if (WIFEXITED(status)) {
    return Error::unavailable(fmt::format("短信网关未接受短信（短信命令退出码 {}）", WEXITSTATUS(status)));
  }
  return Error::unavailable(fmt::format("短信命令异常终止（信号 {}）", WTERMSIG(status)));
}

std::unique_ptr<SmsSender> make_sms_sender(const core::SmsConfig& sms) {
  if (sms.command.empty()) return nullptr;
  return std::make_unique<CommandSmsSender>(sms.command, sms.timeout_s);
}

}  // namespace kf::notify
