# Sourced: exports JAVA_HOME as the first JDK >= 21 found (JAVA_HOME itself, then /usr/lib/jvm/*).
pick_jdk() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if ! JAVA_HOME=$(pick_jdk); then
  echo "No JDK 21 or newer found (JAVA_HOME or /usr/lib/jvm). Install one, e.g. Temurin 21+." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
