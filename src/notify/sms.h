// The SMS hook: the platform knows no SMS gateway; a deployment plugs its own in, either as a
// command (CommandSmsSender, configured by [sms]) or as another SmsSender in code.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"

namespace kf::core {
struct SmsConfig;
}  // namespace kf::core

namespace kf::notify {

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  // Hands one text message for `phone` to the gateway; ok when the gateway accepted it (delivery
  // to the handset is the gateway's business). invalid_argument for a malformed number or text;
  // unavailable when the gateway failed or timed out. Errors never contain the number or the text.
  // Implementations must be safe to call from several threads.
  virtual Result<void> send(const std::string& phone, const std::string& text) = 0;
};

// Runs `command` (an absolute path; no shell, no arguments) once per message, in its own process
// group, with {"phone": "...", "text": "..."} (UTF-8 JSON, then end of file) on its standard
// input, so that neither appears on a command line that `ps` shows. Its standard output and error
// go to /dev/null (they might echo the number into the server's log); it exits 0 when the gateway
// accepted the message. After `timeout_s` the whole process group is killed and the message has
// failed. Thread-safe: each call runs its own process.
class CommandSmsSender final : public SmsSender {
 public:
  CommandSmsSender(std::string command, int timeout_s) : command_(std::move(command)), timeout_s_(timeout_s) {}
  Result<void> send(const std::string& phone, const std::string& text) override;

 private:
  std::string command_;
  int timeout_s_;
};

// The sender [sms] configures: a CommandSmsSender, or nullptr when sms.command is empty.
std::unique_ptr<SmsSender> make_sms_sender(const core::SmsConfig& sms);

// Longest accepted text in bytes (a long SMS is split by the gateway; this only bounds input).
inline constexpr std::size_t kMaxSmsBytes = 2000;

}  // namespace kf::notify
