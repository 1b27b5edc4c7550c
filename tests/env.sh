# env.sh: the environment of every test runner, sourced (`. tests/env.sh`) by
# run-all.sh and by each runner, so that a suite run alone is isolated too:
# nothing of the user's own saring state reaches a test.
#   - HOME and the XDG data, config and cache folders: empty folders in
#     $TEST_ENV, a new temporary folder removed at exit, Ctrl-C included (a
#     runner that sets its own EXIT trap removes it there)
#   - every SARING_* variable unset except SARING_SHARED (run-all.sh passes
#     the data path in it): a test that needs one sets it itself
#   - LANGUAGE, LC_* and NO_COLOR unset, LANG=C.UTF-8: messages in English
#     unless a test asks for another language
TEST_ENV=$(mktemp -d "${TMPDIR:-/tmp}/saring-test.XXXXXX") || exit 3
trap 'rm -rf "$TEST_ENV"' EXIT
trap 'exit 130' INT TERM

# test_home DIR: HOME and its XDG folders, empty, under DIR.
test_home() {
	export HOME="$1/home" XDG_DATA_HOME="$1/home/.local/share" \
		XDG_CONFIG_HOME="$1/home/.config" XDG_CACHE_HOME="$1/home/.cache"
	mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
}
test_home "$TEST_ENV"

for test_env_var in $(env | sed -n 's/^\(SARING_[A-Za-z0-9_]*\)=.*/\1/p; s/^\(LC_[A-Za-z0-9_]*\)=.*/\1/p'); do
	[ "$test_env_var" = SARING_SHARED ] || unset "$test_env_var"
done
unset test_env_var LANGUAGE NO_COLOR
export LANG=C.UTF-8
