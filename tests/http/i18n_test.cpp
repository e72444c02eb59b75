// API error messages follow Accept-Language (issue 12 item 8): Chinese by default, English when
// the client prefers it. The English comes from data/i18n/errors.en.toml; the first tests check
// that the catalogue covers every Chinese text the public API's code can send (data API, SODA,
// CKAN, DCAT, search, login / register and the modules they call), the others ask the real
// server in both languages.
#include <fstream>
#include <regex>
#include <sstream>
#include <toml++/toml.h>

#include "catalog_fixture.h"
#include "core/messages.h"

namespace kf::test {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

std::string source_dir() {
  if (const char* d = std::getenv("KF_SOURCE_DIR")) return d;
  return fs::path(__FILE__).parent_path().parent_path().parent_path().string();
}

core::MessageCatalogue english() {
  auto c = core::MessageCatalogue::load(source_dir() + "/data/i18n/errors.en.toml");
  if (!c) throw std::runtime_error(c.error().message);
  return std::move(c).value();
}

// The string literals of a C++ source (adjacent literals joined, escapes undone), outside
// comments and character literals.
std::vector<std::string> string_literals(const std::string& src) {
  std::vector<std::string> out;
  bool joinable = false;  // the last token was a string literal
  for (std::size_t i = 0; i < src.size();) {
    char c = src[i];
    if (src.compare(i, 2, "//") == 0) {
      i = src.find('\n', i);
      if (i == std::string::npos) break;
      continue;
    }
    if (src.compare(i, 2, "/*") == 0) {
      auto end = src.find("*/", i + 2);
      i = end == std::string::npos ? src.size() : end + 2;
      continue;
    }
    if (c == '\'') {
      std::size_t j = i + 1;
      while (j < src.size() && src[j] != '\'') j += src[j] == '\\' ? 2 : 1;
      i = j + 1;
      joinable = false;
      continue;
    }
    if (c == 'R' && src.compare(i, 2, "R\"") == 0) {  // raw string R"delim( … )delim"
      auto open = src.find('(', i);
      std::string close = ")" + src.substr(i + 2, open - i - 2) + "\"";
      auto end = src.find(close, open);
      std::string text = src.substr(open + 1, end - open - 1);
      if (joinable) out.back() += text; else out.push_back(text);
      joinable = true;
      i = end + close.size();
      continue;
    }
    if (c == '"') {
      std::string text;
      std::size_t j = i + 1;
      for (; j < src.size() && src[j] != '"'; ++j) {
        if (src[j] != '\\') {
          text += src[j];
          continue;
        }
        char e = src[++j];
        text += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      }
      if (joinable) out.back() += text; else out.push_back(text);
      joinable = true;
      i = j + 1;
      continue;
    }
    if (!std::isspace(static_cast<unsigned char>(c))) joinable = false;
    ++i;
  }
  return out;
}

// True when the UTF-8 text holds a CJK ideograph (U+4E00–U+9FFF).
bool has_cjk(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    auto b0 = static_cast<unsigned char>(s[i]);
    if ((b0 & 0xF0) != 0xE0) continue;
    unsigned cp = ((b0 & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                  (static_cast<unsigned char>(s[i + 2]) & 0x3F);
    if (cp >= 0x4E00 && cp <= 0x9FFF) return true;
  }
  return false;
}

// The code the public API runs: its handlers, the pipeline and server, the modules those call
// (accounts, the access decision, the query language, exports, the catalog's reads). Every
// Chinese text in these files is a message a client can receive, or a part of one, unless it is
// listed in kNotMessages.
const char* const kScope[] = {
    "src/core/error.h",           "src/core/json.cpp",
    "src/http/pipeline.cpp",      "src/http/request.cpp",
    "src/http/static_files.cpp",  "src/http/server.cpp",
    "src/api/auth_handlers.cpp",  "src/api/authenticator.cpp",
    "src/api/access_decision.cpp", "src/api/catalog_handlers.cpp",
    "src/api/ckan_handlers.cpp",  "src/api/dcat_handlers.cpp",
    "src/api/data_handlers.cpp",  "src/api/download_handlers.cpp",
    "src/api/licence_handlers.cpp", "src/api/usage_handlers.cpp",
    "src/api/org_user_handlers.cpp", "src/api/me_handlers.cpp",
    "src/access/decision.cpp",    "src/access/licence.cpp",
    "src/access/rules.cpp",       "src/access/sessions.cpp",
    "src/access/users.cpp",       "src/access/api_keys.cpp",
    "src/access/orgs.cpp",        "src/query/analyzer.cpp",
    "src/query/compile.cpp",      "src/query/execute.cpp",
    "src/query/lexer.cpp",        "src/query/parser.cpp",
    "src/query/sqlgen.cpp",       "src/serve/data_api.cpp",
    "src/serve/export.cpp",       "src/catalog/entries.cpp",
    "src/catalog/versions.cpp",   "src/catalog/search.cpp",
    "src/api/apply_handlers.cpp", "src/apply/service.cpp",
    "src/apply/reevaluation.cpp", "src/apply/flow.cpp",
    "src/apply/grading.cpp",
};

// Chinese texts in those files that never reach a client as an error message.
struct NotMessage {
  const char* file;
  const char* prefix;  // every literal of the file starting with this
  const char* why;
  bool whole = false;  // only the literal that is exactly `prefix`
};
const NotMessage kNotMessages[] = {
    {"src/http/server.cpp", "监听", "start-up errors of `serve`, printed on the console"},
    {"src/http/server.cpp", "无法监听", "start-up error"},
    {"src/http/server.cpp", "启用 TLS", "start-up error"},
    {"src/http/server.cpp", "TLS ", "start-up errors"},
    {"src/access/licence.cpp", "开放许可协议文件", "start-up errors reading the licence file"},
    {"src/api/ckan_handlers.cpp", "CKAN：", "route summaries (OpenAPI)"},
    {"src/api/ckan_handlers.cpp", "DCAT-AP ", "route summaries (OpenAPI)"},
    {"src/api/ckan_handlers.cpp", "开放 Kaifang", "site title in status_show"},
    {"src/api/ckan_handlers.cpp", "公共数据开放平台（CKAN", "site description in status_show"},
    {"src/api/ckan_handlers.cpp", "公共数据开放许可协议", "licence title in package metadata"},
    {"src/api/dcat_handlers.cpp", "本平台开放的公共数据目录", "DCAT catalogue description"},
    {"src/api/dcat_handlers.cpp", "公共数据开放平台", "DCAT platform name"},
    {"src/api/dcat_handlers.cpp", "开放 Kaifang", "DCAT catalogue title"},
    {"src/api/dcat_handlers.cpp", "公共数据开放许可协议", "DCAT licence label"},
    {"src/api/catalog_handlers.cpp", "发布数据版本", "history reason of a version's publication"},
    {"src/catalog/entries.cpp", "新建目录", "history reason"},
    {"src/catalog/entries.cpp", "发布", "history reason", true},
    {"src/serve/export.cpp", "数据", "XLSX sheet name", true},
    {"src/api/apply_handlers.cpp", "上传申请材料", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "上传失信名单文件", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "协议一方通知提前终止", "route summary (OpenAPI)"},
    {"src/apply/service.cpp", "开放利用协议将提前终止", "notification"},
    {"src/apply/service.cpp", "{}通知，", "notification"},
    {"src/apply/service.cpp", "数据提供单位", "notification", true},
    {"src/apply/service.cpp", "{} 终止：{}", "grant record", true},
    {"src/apply/service.cpp", "{}数据续期申请：{}", "case title", true},
    {"src/apply/service.cpp", "{}数据协议变更申请：{}", "case title", true},
    {"src/apply/service.cpp", "本协议为授权", "agreement text"},
    {"src/apply/service.cpp", "本协议变更授权", "agreement text"},
    {"src/apply/service.cpp", "协议变更（申请", "grant record"},
    {"src/api/apply_handlers.cpp", "下载申请材料", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "提交有条件开放数据申请", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "我的申请（", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "申请详情：", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "办理申请（", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "开放利用协议：", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "下载开放利用协议", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "申请人签订", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "授权一览", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "授权详情", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "授权的访问记录", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "处置授权（", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "使用方提交", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "公开：", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "有条件开放目录的定期评估", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "记录定期评估结论", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "等级变更记录（", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "公共数据开放利用协议（", "PDF title"},
    {"src/api/apply_handlers.cpp", "协议编号 KF-APP-", "PDF page footer"},
    {"src/api/apply_handlers.cpp", "下载开放利用协议的 PDF", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "申请等级评定（", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "办理等级评定（", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "我的等级：", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "主管部门直接评定", "grade change reason", true},
    {"src/apply/grading.cpp", "主管部门直接评定", "grade change reason", true},
    {"src/apply/grading.cpp", "个人用户", "a name in the public list", true},
    {"src/apply/grading.cpp", "等级评定申请：", "case title"},
    {"src/apply/grading.cpp", "提交时核查：", "evidence kept with the case"},
    {"src/apply/grading.cpp", "提交等级评定材料", "case history comment", true},
    {"src/apply/grading.cpp", "等级评定（事项", "grade change reason"},
    {"src/apply/grading.cpp", "主管部门", "grade change author", true},
    {"src/apply/grading.cpp", "等级评定结果：", "notification"},
    {"src/apply/grading.cpp", "{}的等级评定为", "notification"},
    {"src/apply/grading.cpp", "违规使用“{}”被终止授权", "grade change reason"},
    {"src/apply/grading.cpp", "用户等级降为", "notification"},
    {"src/apply/grading.cpp", "用户等级已撤销", "notification", true},
    {"src/apply/grading.cpp", "因违规使用“{}”", "notification"},
    {"src/apply/grading.cpp", "降为 {} 级", "notification", true},
    {"src/apply/grading.cpp", "撤销", "notification", true},
    {"src/api/apply_handlers.cpp", "导入失信名单", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "已导入的失信名单", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "评定用户或单位等级", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "数据样例（", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "下载数据样例", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "数据提供单位上传样例", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "删除上传的样例", "route summary (OpenAPI)"},
    {"src/api/apply_handlers.cpp", "-样例.csv", "download file name"},
    {"src/apply/service.cpp", "数据接口", "channel label in answers", true},
    {"src/apply/service.cpp", "文件下载", "channel label in answers", true},
    {"src/apply/service.cpp", "数据沙箱", "channel label in answers", true},
    {"src/apply/service.cpp", "{}数据申请：", "case title"},
    {"src/apply/service.cpp", "提交申请材料", "case history comment", true},
    {"src/apply/service.cpp", "不限", "agreement text", true},
    {"src/apply/service.cpp", "次", "agreement text", true},
    {"src/apply/service.cpp", "行", "agreement text", true},
    {"src/apply/service.cpp", "（签署时填写）", "agreement text", true},
    {"src/apply/service.cpp", "同意并保存开放利用协议", "case history comment", true},
    {"src/apply/service.cpp", "已开通", "notification"},
    {"src/apply/service.cpp", "授权编号", "notification"},
    {"src/apply/service.cpp", "您的{}数据申请已办结", "notification"},
    {"src/apply/service.cpp", "已被暂停", "notification", true},
    {"src/apply/service.cpp", "已恢复", "notification", true},
    {"src/apply/service.cpp", "被责令整改", "notification", true},
    {"src/apply/service.cpp", "已被终止", "notification", true},
    {"src/apply/service.cpp", "您对“{}”的授权", "notification"},
    {"src/apply/service.cpp", "理由：", "notification"},
    {"src/apply/service.cpp", "{}提交了{}：{}", "notification", true},
    {"src/apply/service.cpp", "利用情况报告", "notification", true},
    {"src/apply/service.cpp", "回流数据", "notification", true},
    {"src/apply/service.cpp", "应用成果", "notification", true},
    {"src/apply/service.cpp", "暂停授权", "label of the public violations list", true},
    {"src/apply/service.cpp", "责令整改", "label of the public violations list", true},
    {"src/apply/service.cpp", "终止授权", "label of the public violations list", true},
    {"src/apply/service.cpp", "身份证号", "CSV header of a dishonest list", true},
    {"src/apply/service.cpp", "个人用户", "holder name when a person has no verified name", true},
    {"src/apply/service.cpp", "样例", "pseudonym prefix of samples", true},
    {"src/apply/service.cpp", "请按期", "notification"},
    {"src/apply/service.cpp", "按规定，", "notification"},
    {"src/apply/service.cpp", "应用成果逾期未发布", "notification"},
    {"src/apply/service.cpp", "{}获取“{}”后", "notification"},
    {"src/apply/service.cpp", "利用情况报告逾期未提交", "notification"},
    {"src/apply/service.cpp", "{}使用“{}”的利用情况报告", "notification"},
    {"src/apply/service.cpp", "授权即将到期", "notification"},
    {"src/apply/reevaluation.cpp", "请定期评估", "notification"},
    {"src/apply/reevaluation.cpp", "按规定，", "notification"},
};

bool exempt(const std::string& file, const std::string& text) {
  for (const auto& n : kNotMessages) {
    if (file != n.file) continue;
    if (n.whole ? text == n.prefix : std::string_view(text).starts_with(n.prefix)) return true;
  }
  return false;
}

TEST(I18nCatalogue, EveryPublicApiMessageHasEnglish) {
  auto en = english();
  std::vector<std::string> missing;
  int seen = 0;
  for (const char* rel : kScope) {
    std::ifstream in(source_dir() + "/" + rel);
    ASSERT_TRUE(in) << "scope file moved or renamed: " << rel << " (update kScope)";
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& lit : string_literals(text.str())) {
      if (!has_cjk(lit) || exempt(rel, lit)) continue;
      ++seen;
      if (!en.has_key(lit)) missing.push_back(std::string(rel) + ": \"" + lit + "\"");
    }
  }
  EXPECT_GT(seen, 200) << "the scan found too few messages: is the literal scanner broken?";
  std::string list;
  for (const auto& m : missing) list += "\n  " + m;
  EXPECT_TRUE(missing.empty()) << "no English in data/i18n/errors.en.toml for:" << list;
}

TEST(I18nCatalogue, TheScannerSeesWhatTheCompilerSees) {
  auto lits = string_literals(
      "// \"注释里的\"\n auto a = fmt::format(\"未知的列“{}”\", n); char q = '\"';\n"
      "/* \"块注释\" */ Error::invalid(\"前半\"\n \"后半\"); x(\"a\\\"b\");");
  EXPECT_EQ(lits, (std::vector<std::string>{"未知的列“{}”", "前半后半", "a\"b"}));
}

TEST(I18nCatalogue, EveryProfileLabelIsATerm) {
  auto en = english();
  int labels = 0;
  for (const auto& f : fs::directory_iterator(source_dir() + "/data/policies")) {
    if (f.path().extension() != ".toml") continue;
    auto doc = toml::parse_file(f.path().string());
    for (const char* table : {"labels", "share_labels"}) {
      const toml::table* t = doc[table].as_table();
      ASSERT_TRUE(t) << f.path() << " has no [" << table << "]";
      for (const auto& [k, v] : *t) {
        auto name = v.value<std::string>();
        ASSERT_TRUE(name);
        ++labels;
        EXPECT_TRUE(en.has_key(*name)) << f.path().filename() << " [" << table << "] " << k.str() << " = " << *name
                                       << " has no English term in data/i18n/errors.en.toml";
      }
    }
  }
  EXPECT_GE(labels, 30);
}

TEST(I18nCatalogue, EveryTranslationIsEnglish) {
  std::ifstream in(source_dir() + "/data/i18n/errors.en.toml");
  auto doc = toml::parse(in);
  auto en = english();
  for (const char* table : {"messages", "terms"}) {
    for (const auto& [k, v] : *doc[table].as_table()) {
      std::string key(k.str());
      EXPECT_FALSE(has_cjk(*v.value<std::string>())) << "[" << table << "] " << key << " = " << *v.value<std::string>();
      // Filled with Latin parts, the key translates to text without Chinese: the pattern matches
      // its own message and every {t} part of it is known or Latin.
      auto pieces = core::split_format_key(key);
      std::string sample = pieces[0];
      for (std::size_t i = 1; i < pieces.size(); ++i) sample += "x" + std::to_string(i) + pieces[i];
      auto t = en.translate(sample);
      if (std::string_view(table) == "messages") {
        ASSERT_TRUE(t) << key;
        EXPECT_FALSE(has_cjk(*t)) << key << " → " << *t;
      }
    }
  }
}

// --- the server in both languages

using I18nTest = BackendTest;

const std::map<std::string, std::string> kEn = {{"Accept-Language", "en"}};
const std::map<std::string, std::string> kZh = {{"Accept-Language", "zh-CN"}};

struct I18nWorld {
  explicit I18nWorld(TestServer& s) : w(s), transport(w.login("transport")), admin(s.client()) {
    if (admin.login("admin", TestServer::kPassword).status != 200) throw std::runtime_error("admin login");
    auto open = CatalogWorld::entry("I18N-OPEN", "公交站点", {CatalogWorld::field("站名", "text", true),
                                                              CatalogWorld::field("线路数", "integer")});
    if (auto r = transport.post("/api/v1/entries", open); r.status != 201) throw std::runtime_error(r.body);
    auto job = w.upload(transport, "I18N-OPEN", "data.csv", "站名,线路数\n火车站,12\n人民广场,8\n");
    if (job.at("state") != "succeeded") throw std::runtime_error(json::serialize(job));
    auto p = admin.post("/api/v1/entries/I18N-OPEN/versions/" + std::to_string(job.at("version_id").as_int64()) + "/publish",
                        json::object{});
    if (p.status != 200) throw std::runtime_error(p.body);
    auto closed = CatalogWorld::entry("I18N-CLOSED", "信访件目录", {CatalogWorld::field("编号", "text", true)});
    closed["open_attribute"] = "not_open";
    closed["legal_basis"] = "《信访工作条例》";
    if (auto r = transport.post("/api/v1/entries", closed); r.status != 201) throw std::runtime_error(r.body);
    if (auto r = admin.post("/api/v1/entries/I18N-CLOSED/publish", json::object{}); r.status != 200) {
      throw std::runtime_error(r.body);
    }
  }
  CatalogWorld w;
  Client transport, admin;
};

// The message of an error answer, after checking its Content-Language.
std::string message_in(const Reply& r, const std::string& language) {
  EXPECT_GE(r.status, 400u) << r.body;
  EXPECT_EQ(r.headers.count("content-language") ? r.headers.at("content-language") : "", language) << r.body;
  EXPECT_NE(r.headers.count("vary") ? r.headers.at("vary").find("Accept-Language") : std::string::npos,
            std::string::npos);
  return r.error_message();
}

TEST_P(I18nTest, PublicErrorsAnswerInTheLanguageAsked) {
  TestServer s(GetParam());
  I18nWorld x(s);
  Client c = s.client();
  auto both = [&](const std::string& method, const std::string& target, const std::string& body,
                  const std::string& zh, const std::string& en) {
    std::map<std::string, std::string> h = {{"Content-Type", "application/json"}};
    Reply plain = c.request(method, target, body, h);
    EXPECT_EQ(message_in(plain, "zh-CN"), zh) << method << " " << target << " without Accept-Language";
    h["Accept-Language"] = "zh-CN,zh;q=0.9";
    EXPECT_EQ(message_in(c.request(method, target, body, h), "zh-CN"), zh) << target << " in Chinese";
    h["Accept-Language"] = "en-GB,en;q=0.9";
    Reply english_reply = c.request(method, target, body, h);
    EXPECT_EQ(message_in(english_reply, "en"), en) << target << " in English";
    EXPECT_EQ(english_reply.status, plain.status) << target;
    return english_reply;
  };

  // The pipeline and the router.
  both("GET", "/api/v1/no-such-thing", "", "接口不存在", "No such API endpoint");
  both("POST", "/api/v1/me/api-keys", "{}", "请先登录", "Please sign in first");
  // Log in and register, with field names translated inside the message.
  both("POST", "/api/v1/auth/login", R"({"username":"transport","password":"wrong"})", "用户名或密码错误",
       "Wrong user name or password");
  both("POST", "/api/v1/auth/register", R"({"username":"newcomer","password":"short"})", "密码至少 8 位",
       "The password must have at least 8 characters");
  both("POST", "/api/v1/auth/register", R"({"password":"Long-enough-1"})", "缺少用户名", "The user name is missing");
  // Search.
  both("GET", "/api/v1/catalog?sort=oldest", "", "sort 应为 relevance、updated 或 downloads",
       "sort must be relevance, updated or downloads");
  both("GET", "/api/v1/entries/NO-SUCH", "", "目录不存在", "Catalog entry not found");
  // The data API: a query error keeps its parameter and position; the column name is data.
  auto q = both("GET", "/api/v1/datasets/I18N-OPEN/rows?$where=%E4%BA%BA%E5%8F%A3%20%3E%201", "", "未知的列“人口”",
                "Unknown column “人口”");
  EXPECT_EQ(q.json().at("error").at("code"), "invalid_query");
  EXPECT_EQ(q.json().at("error").at("parameter"), "$where");
  EXPECT_EQ(q.json().at("error").at("position"), 1);
  both("GET", "/api/v1/datasets/I18N-OPEN/rows?$where=%E7%BA%BF%E8%B7%AF%E6%95%B0%20%3D%20%27%E5%A4%9A%27", "",
       "类型不匹配：不能将整数与文本比较", "Type mismatch: cannot compare integer with text");
  both("GET", "/api/v1/datasets/I18N-OPEN/rows?$limit=-1", "", "$limit 必须是 0 到 50000 之间的整数",
       "$limit must be an integer from 0 to 50000");
  // Not-open data: the profile's label is translated, the provider's name stays as it is.
  auto refused = both("GET", "/api/v1/datasets/I18N-CLOSED/rows", "",
                      "该数据属于不予开放类；如确有需要，可联系数据提供单位（潍坊市交通运输局）提出开放需求",
                      "This data is classed as not open; if you need it, you can ask the data provider (潍坊市交通运输局) to open it");
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(refused.json().at("error").at("code"), "access_restricted") << "codes are never translated";
  // SODA, DCAT and downloads.
  both("GET", "/resource/I18N-OPEN.xml", "", "只支持 .json 和 .csv", "Only .json and .csv are supported");
  both("GET", "/api/v1/dcat/datasets/I18N-OPEN.rdf", "", "只支持 .jsonld 和 .ttl", "Only .jsonld and .ttl are supported");
  both("GET", "/api/v1/datasets/I18N-OPEN/download?format=pdf", "", "下载格式应为 csv、json 或 xlsx",
       "The download format must be csv, json or xlsx");
  // CKAN: the message and CKAN's per-field list; __type stays CKAN's.
  auto ckan = both("GET", "/api/3/action/package_show", "", "缺少参数值", "Missing value");
  EXPECT_EQ(ckan.json().at("error").at("id"), (json::array{"Missing value"}));
  EXPECT_EQ(ckan.json().at("error").at("__type"), "Validation Error");
  EXPECT_EQ(c.get("/api/3/action/package_show").json().at("error").at("id"), (json::array{"缺少参数值"}));
  both("GET", "/api/3/action/datastore_search?resource_id=NO-SUCH", "", "资源“NO-SUCH”不存在",
       "Resource \"NO-SUCH\" was not found.");
}

TEST_P(I18nTest, AcceptLanguagePreferencesAndSuccessfulAnswers) {
  TestServer s(GetParam());
  Client c = s.client();
  auto lang_of = [&](const std::string& header) {
    return c.request("GET", "/api/v1/no-such-thing", "", {{"Accept-Language", header}}).error_message();
  };
  EXPECT_EQ(lang_of("en"), "No such API endpoint");
  EXPECT_EQ(lang_of("en-US,en;q=0.9,zh-CN;q=0.8"), "No such API endpoint");
  EXPECT_EQ(lang_of("zh;q=0.5, EN"), "No such API endpoint");
  EXPECT_EQ(lang_of("zh-CN,zh;q=0.9,en;q=0.8"), "接口不存在");
  EXPECT_EQ(lang_of("zh, en"), "接口不存在") << "a tie goes to the first listed";
  EXPECT_EQ(lang_of("fr-FR"), "接口不存在") << "Chinese is the default";
  EXPECT_EQ(lang_of("*"), "接口不存在");
  EXPECT_EQ(lang_of("en;q=0"), "接口不存在") << "q=0 means not acceptable";
  EXPECT_EQ(lang_of("en;q=abc"), "接口不存在") << "a malformed element is ignored";

  // Successful answers are not touched.
  auto ok = c.request("GET", "/api/v1/catalog", "", kEn);
  EXPECT_EQ(ok.status, 200u);
  EXPECT_EQ(ok.headers.count("content-language"), 0u);
  EXPECT_EQ(ok.body, c.request("GET", "/api/v1/catalog", "", kZh).body);
}

TEST_P(I18nTest, AnswersOfTheServerBeforeAHandlerRan) {
  TestServer s(GetParam());
  // Over the body limit (64 KiB in the tests): the server answers 413 before any handler.
  std::string big(70000, 'x');
  Client en_client = s.client();
  auto r = en_client.request("POST", "/api/v1/auth/login", big, kEn);
  EXPECT_EQ(r.status, 413u);
  EXPECT_EQ(r.error_message(), "The request body is larger than allowed");
  Client zh_client = s.client();
  EXPECT_EQ(zh_client.request("POST", "/api/v1/auth/login", big).error_message(), "请求体超过大小限制");
}

KF_BACKEND_SUITE(I18nTest);

}  // namespace
}  // namespace kf::test
