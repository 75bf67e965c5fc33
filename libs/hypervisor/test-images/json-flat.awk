# json-flat.awk: flattens one JSON document (compact or pretty) into one line per scalar,
#   <path>=<value>
# where <path> joins object keys and array indices with dots:
#   {"links":[{"id":"tap0","mtu":1500}]}  ->  links.0.id=tap0
#                                             links.0.mtu=1500
# Strings are unescaped for \" \\ and \/; other escapes (\n, \uXXXX, ...) stay as written,
# so every value stays on its line. Dots, '=' and newlines inside keys become '_'. Numbers,
# true, false and null print as written; empty objects and arrays print nothing.
# For busybox awk in the test guest's initramfs (also runs under mawk and gawk).
BEGIN { RS = "\001" }
{ s = s $0 }
END {
  n = length(s)
  p = 1
  value("")
}

function ws() {
  while (p <= n && index(" \t\r\n", substr(s, p, 1)) > 0) {
    p++
  }
}

function str(   out, c, rest) {
  if (substr(s, p, 1) != "\"") {
    p = n + 1
    return ""
  }
  p++
  out = ""
  while (p <= n) {
    rest = substr(s, p, 256)
    if (match(rest, /^[^"\\]+/)) {
      out = out substr(rest, 1, RLENGTH)
      p += RLENGTH
      continue
    }
    c = substr(s, p, 1)
    if (c == "\"") {
      p++
      return out
    }
    c = substr(s, p + 1, 1)
    if (c == "\"" || c == "\\" || c == "/") {
      out = out c
    } else {
      out = out "\\" c
    }
    p += 2
  }
  return out
}

function emit(path, v) {
  print path "=" v
}

# the members of an object (keyed) or array at p, up to its closing character `closer`
function members(path, closer, keyed,   c, k, i) {
  p++
  ws()
  if (substr(s, p, 1) == closer) {
    p++
    return
  }
  i = 0
  while (p <= n) {
    if (keyed) {
      ws()
      k = str()
      gsub(/[.=\n]/, "_", k)
      ws()
      if (substr(s, p, 1) != ":") {
        p = n + 1
        return
      }
      p++
    } else {
      k = i++
    }
    value(path == "" ? k : (path "." k))
    ws()
    c = substr(s, p, 1)
    p++
    if (c != ",") {
      return
    }
  }
}

function value(path,   c, i) {
  ws()
  if (p > n) {
    return
  }
  c = substr(s, p, 1)
  if (c == "{" || c == "[") {
    members(path, c == "{" ? "}" : "]", c == "{")
    return
  }
  if (c == "\"") {
    emit(path, str())
    return
  }
  i = p
  while (p <= n && index(",}] \t\r\n", substr(s, p, 1)) == 0) {
    p++
  }
  if (p == i) {
    p = n + 1
    return
  }
  emit(path, substr(s, i, p - i))
}
