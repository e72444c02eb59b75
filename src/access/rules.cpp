#include <algorithm>
#include <cctype>

#include "access/service.h"

namespace kf::access {

bool is_role(std::string_view role) {
  return std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles);
}

Result<void> check_username(const std::string& username) {
  bool ok = username.size() >= 3 && username.size() <= 32 &&
            std::all_of(username.begin(), username.end(), [](char c) {
              return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
            });
  if (!ok) return Error::invalid("用户名应为 3–32 位字母、数字或 _ . -", "username");
  return kf::ok();
}

Result<void> check_password(const std::string& password, const std::string& username) {
  if (password.size() < 8) return Error::invalid("密码至少 8 位", "password");
  if (password.size() > 128) return Error::invalid("密码最多 128 位", "password");
  int upper = 0, lower = 0, digit = 0, other = 0;
  for (unsigned char c : password) {
    if (std::isupper(c)) upper = 1;
    else if (std::islower(c)) lower = 1;
    else if (std::isdigit(c)) digit = 1;
    else other = 1;
  }
  if (upper + lower + digit + other < 3) {
    return Error::invalid("密码应至少包含大写字母、小写字母、数字、符号中的三类", "password");
  }
  std::string lp = password, lu = username;
  std::transform(lp.begin(), lp.end(), lp.begin(), ::tolower);
  std::transform(lu.begin(), lu.end(), lu.begin(), ::tolower);
  if (!lu.empty() && lp.find(lu) != std::string::npos) {
    return Error::invalid("密码不能包含用户名", "password");
  }
  return kf::ok();
}

Result<void> check_phone(const std::string& phone) {
  // Mainland mobile numbers: 1[3-9] followed by 9 digits.
  bool ok = phone.size() == 11 && phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9' &&
            std::all_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!ok) return Error::invalid("手机号码应为 11 位数字，以 13–19 开头", "phone");
  return kf::ok();
}

Result<void> check_email(const std::string& email) {
  auto at = email.find('@');
  bool ok = email.size() <= 254 && at != std::string::npos && at > 0 &&
            email.find('@', at + 1) == std::string::npos &&
            email.find('.', at + 2) != std::string::npos && email.back() != '.' &&
            std::none_of(email.begin(), email.end(), [](unsigned char c) { return std::isspace(c); });
  if (!ok) return Error::invalid("电子邮箱格式不正确", "email");
  return kf::ok();
}

}  // namespace kf::access
