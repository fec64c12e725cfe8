#!/usr/bin/env bash
# Remakes the README's screenshots from the real program: it builds leadq,
# runs `leadq demo` on a fresh demo database in a 100×30 tmux pane, presses
# keys one at a time as a person would, captures the pane with its colours
# and draws each capture as an SVG with Charm's freeze.
#
#   bash scripts/screenshots.sh        # writes scripts/screenshots/*.svg
#
# Needs go, tmux and perl; freeze is fetched through the Go module proxy at
# the version below (or set FREEZE to a freeze binary). Not part of .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

freeze_version=v0.2.2
out=scripts/screenshots
cols=100
rows=30
font_size=14

die() {
	echo "screenshots: $*" >&2
	exit 1
}

command -v go >/dev/null || die "go is not installed"
command -v tmux >/dev/null || die "tmux is not installed (apt-get install tmux, brew install tmux)"
command -v perl >/dev/null || die "perl is not installed (it turns tmux's colour codes into ones freeze draws)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/leadq-screenshots.XXXXXX")"
socket="$tmp/tmux"
session=ts-leadq-screenshots
cleanup() {
	tmux -S "$socket" kill-server 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

freeze="${FREEZE:-}"
if [ -z "$freeze" ]; then
	echo "getting freeze $freeze_version …" >&2
	GOBIN="$tmp/bin" GOFLAGS= go install "github.com/charmbracelet/freeze@$freeze_version" ||
		die "could not get github.com/charmbracelet/freeze@$freeze_version through the Go module proxy; install freeze and set FREEZE=/path/to/freeze"
	freeze="$tmp/bin/freeze"
fi
"$freeze" --version >/dev/null 2>&1 || die "freeze ($freeze) does not run"

echo "building leadq …" >&2
go build -o "$tmp/leadq" .
: >"$tmp/config.toml" # the defaults, whatever config this computer has
db="$tmp/demo.db"

t() { tmux -S "$socket" -f /dev/null "$@"; }

# start LOCALE runs the program in the pane: a Berlin clock, true colour,
# the locale given, and the exit status written down so a crash is
# reported with its screen.
start() {
	rm -f "$tmp/exit"
	local program="env -u NO_COLOR -u LANG -u LC_MESSAGES TERM=xterm-256color COLORTERM=truecolor LC_ALL=$1 TZ=Europe/Berlin"
	program+=" '$tmp/leadq' demo --db '$db' --config '$tmp/config.toml'; echo \$? >'$tmp/exit'"
	SHELL=/bin/sh t new-session -d -s "$session" -x "$cols" -y "$rows" "$program" \; \
		set-option -t "$session" remain-on-exit on
}
start C.UTF-8

screen() { t capture-pane -p -t "$session"; }

# wait_for TEXT waits until the screen shows TEXT.
wait_for() {
	local i
	for ((i = 0; i < 100; i++)); do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		if [ -s "$tmp/exit" ]; then
			break
		fi
		sleep 0.1
	done
	{
		echo "screenshots: the screen never showed \"$1\"; it showed:"
		screen
		[ -s "$tmp/exit" ] && echo "(leadq ended with exit status $(cat "$tmp/exit"))"
	} >&2
	exit 1
}

# key presses one key: Bubble Tea reads a burst of letters as one key.
key() {
	t send-keys -t "$session" "$1"
	sleep 0.15
}

# shot NAME captures the pane and draws it as scripts/screenshots/NAME.svg.
shot() {
	sleep 0.3 # let the last frame land
	t capture-pane -e -N -p -t "$session" >"$tmp/$1.ansi"
	perl -e "$sgr" "$cols" <"$tmp/$1.ansi" >"$tmp/$1.freeze"
	"$freeze" --language ansi --window --border.radius 8 --font.size "$font_size" --no-font.ligatures \
		--output "$tmp/$1.svg" - <"$tmp/$1.freeze" >/dev/null
	perl -e "$cells" "$font_size" <"$tmp/$1.svg" >"$out/$1.svg"
	echo "wrote $out/$1.svg" >&2
}

# freeze v0.2.2 draws only part of SGR: it ignores reverse video, default
# colours (39, 49), the 40–47 backgrounds and attributes that carry over a
# line end. This rewrites every run of text with its whole state spelled out
# anew (reset, foreground, background), reverse video as swapped colours
# on freeze's own default text and background colours.
sgr='
use strict; use warnings;
my ($deffg, $defbg) = ("2;196;196;196", "2;23;23;23");  # freeze: #C4C4C4 on #171717
my ($fg, $bg, $rev, $it, $ul, $st) = ("", "", 0, 0, 0, 0);
sub apply {
	my @p = map { $_ eq "" ? 0 : $_ } split /;/, $_[0], -1;
	@p = (0) unless @p;
	while (@p) {
		my $v = shift @p;
		my ($n) = $v =~ /^(\d+)/; $n //= 0;
		if ($n == 0) { ($fg, $bg, $rev, $it, $ul, $st) = ("", "", 0, 0, 0, 0) }
		elsif ($n == 3) { $it = 1 } elsif ($n == 23) { $it = 0 }
		elsif ($n == 4) { $ul = ($v =~ /^4:0/) ? 0 : 1 } elsif ($n == 24) { $ul = 0 }
		elsif ($n == 7) { $rev = 1 } elsif ($n == 27) { $rev = 0 }
		elsif ($n == 9) { $st = 1 } elsif ($n == 29) { $st = 0 }
		elsif ($n >= 30 && $n <= 37) { $fg = "5;" . ($n - 30) }
		elsif ($n >= 90 && $n <= 97) { $fg = "5;" . ($n - 82) }
		elsif ($n >= 40 && $n <= 47) { $bg = "5;" . ($n - 40) }
		elsif ($n >= 100 && $n <= 107) { $bg = "5;" . ($n - 92) }
		elsif ($n == 39) { $fg = "" } elsif ($n == 49) { $bg = "" }
		elsif ($n == 38 || $n == 48) {
			my $c = "";
			my $k = shift(@p) // "";
			if ($k eq "5") { $c = "5;" . (shift(@p) // 0) }
			elsif ($k eq "2") { $c = join ";", 2, map { shift(@p) // 0 } 1 .. 3 }
			if ($n == 38) { $fg = $c } else { $bg = $c }
		}
	}
}
sub state {
	my ($f, $b) = ($fg, $bg);
	($f, $b) = ($b eq "" ? $defbg : $b, $f eq "" ? $deffg : $f) if $rev;
	my @p = (0);
	push @p, "38;$f" if $f ne "";
	push @p, "48;$b" if $b ne "";
	push @p, 3 if $it; push @p, 4 if $ul; push @p, 9 if $st;
	return "\e[" . join(";", @p) . "m";
}
binmode STDIN, ":encoding(UTF-8)"; binmode STDOUT, ":encoding(UTF-8)";
my $cols = $ARGV[0];
my $wide = qr/[\x{1100}-\x{115F}\x{2E80}-\x{A4CF}\x{AC00}-\x{D7A3}\x{F900}-\x{FAFF}\x{FE30}-\x{FE4F}\x{FF00}-\x{FF60}\x{FFE0}-\x{FFE6}\x{1F300}-\x{1F64F}\x{1F900}-\x{1F9FF}\x{20000}-\x{3FFFD}]/;
while (my $line = <STDIN>) {
	chomp $line;
	my ($text, $last, $width) = ("", "", 0);
	for my $tok (split /(\e\[[0-9;:]*m)/, $line) {
		next if $tok eq "";
		if ($tok =~ /^\e\[([0-9;:]*)m$/) { apply($1); next }
		$tok =~ s/\e[^a-zA-Z]*[a-zA-Z]//g;  # anything else that is not text
		my $s = state();
		# A new run after each symbol, so that cells can place the text
		# after it on its column.
		for my $run (split /(?<=[\x{2190}-\x{10FFFF}])/, $tok) {
			$text .= $s if $s ne $last;
			$last = $run =~ /[\x{2190}-\x{10FFFF}]$/ ? "" : $s;
			$text .= $run;
		}
		$width += length($tok) + (() = $tok =~ /$wide/g);
	}
	# Every line as wide as the pane, so every image is too.
	print $text, "\e[0m", " " x ($cols > $width ? $cols - $width : 0), "\n";
}
'

# freeze sets each line as runs of text that follow one another, so a glyph
# its font lacks (○ ★ ☎) comes from another font, wider, and pushes the rest
# of the line off its columns; and it draws backgrounds on cells of font
# size / 1.68, narrower than its font'"'"'s 0.6 em. This puts every run and
# every background on its own column, in cells of 0.6 em.
cells='
use strict; use warnings;
binmode STDIN, ":encoding(UTF-8)"; binmode STDOUT, ":encoding(UTF-8)";
my $cell = $ARGV[0] * 0.6;
my $stretch = $cell / ($ARGV[0] / 1.68);
my $wide = qr/[\x{1100}-\x{115F}\x{2E80}-\x{A4CF}\x{AC00}-\x{D7A3}\x{F900}-\x{FAFF}\x{FE30}-\x{FE4F}\x{FF00}-\x{FF60}\x{FFE0}-\x{FFE6}\x{1F300}-\x{1F64F}\x{1F900}-\x{1F9FF}\x{20000}-\x{3FFFD}]/;
my %ent = (amp => "&", lt => "<", gt => ">", apos => "\x27", quot => "\"");
sub cols {
	my $t = shift;
	$t =~ s/&#x([0-9a-fA-F]+);/chr(hex $1)/ge;
	$t =~ s/&#(\d+);/chr($1)/ge;
	$t =~ s/&(\w+);/$ent{$1} \/\/ "?"/ge;
	return length($t) + (() = $t =~ /$wide/g);
}
local $/;
my $svg = <STDIN>;
$svg =~ s{(<text x="([\d.]+)px"[^>]*>)(.*?)(</text>)}{
	my ($open, $x0, $body, $close) = ($1, $2, $3, $4);
	my $col = 0;
	$body =~ s{<tspan([^>]*?)(/>|>(.*?)</tspan>)}{
		my ($attrs, $rest, $t) = ($1, $2, $3 // "");
		$attrs =~ s/\s+dx="[^"]*"//;
		my $x = sprintf "%.2fpx", $x0 + $col * $cell;
		$col += cols($t);
		"<tspan x=\"$x\"$attrs$rest"
	}gse;
	"$open$body$close"
}gse;
my ($left) = $svg =~ /<text x="([\d.]+)px"/;
$svg =~ s{(<rect fill="[^"]*" x=")([\d.]+)(px"[^>]* width=")([\d.]+)px"}{
	sprintf "%s%.2f%s%.2fpx\"", $1, $left + ($2 - $left) * $stretch, $3, $4 * $stretch
}ge;
print $svg;
'

mkdir -p "$out"

# The queue, on the first hot opportunity (the synthetic ones have a plan).
wait_for "1 Hot"
wait_for "demo.db"
"$tmp/leadq" list --tier hot --json --db "$db" --config "$tmp/config.toml" >"$tmp/hot.json"
nth="$(grep -n -m 1 '"stage":"opportunity"' "$tmp/hot.json" | cut -d: -f1)"
[ -n "$nth" ] || die "the demo database has no hot opportunity to show"
for ((i = 2; i < nth; i++)); do # line 1 is the "["
	key j
done
shot queue

# Its lead screen, with why it scores what it scores.
key Enter
wait_for "WHY THIS SCORE"
shot lead

# The call picker: one key per outcome.
key c
wait_for "How did it go?"
shot call
key Escape
wait_for "WHY THIS SCORE"

# The opportunity plan, on its key persons.
key p
wait_for "OPPORTUNITY PLAN"
key 5
wait_for "Key persons"
shot plan

key Escape
key q

# One in German: the same lead screen under a German locale.
t kill-session -t "$session"
start de_DE.UTF-8
wait_for "1 Heiß"
for ((i = 2; i < nth; i++)); do
	key j
done
key Enter
wait_for "WARUM DIESER SCORE"
shot lead-de
key q
