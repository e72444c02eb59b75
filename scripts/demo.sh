#!/usr/bin/env bash
# make demo: initialise var/ with the demo city, then serve it in the foreground.
set -euo pipefail
cd "$(dirname "$0")/.."
db="$1" listen="$2" admin_password="$3"
bin=build/release/src/app/kaifang
# The demo city's configuration: its policy profile and its brand (潍坊市公共数据开放平台).
config=data/demo/kaifang.toml
mkdir -p var
"$bin" init --db "$db" --config "$config" --admin-password "$admin_password"
"$bin" demo --db "$db" --config "$config"
cat <<MSG

================================================================
 开放 Kaifang 演示环境 / demo
   地址 URL:   http://$listen/
   管理员 admin 密码: $admin_password
   其余演示账号见上，密码均为 Demo-2026!kf
   （bureau 主管部门 / transport 数源部门 / citizen 普通用户 …）
   按 Ctrl-C 停止。Press Ctrl-C to stop.
================================================================

MSG
exec "$bin" serve --db "$db" --config "$config" --listen "$listen" --web-root web/dist
