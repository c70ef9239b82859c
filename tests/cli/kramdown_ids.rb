# The ids kramdown gives headings as Jekyll configures it by default
# (markdown: kramdown, input: GFM, auto_ids on, hard_wrap off), for each
# Markdown file named on the command line: one line per heading,
# FILE<TAB>ID ("" when kramdown gives none). Debian's ruby-kramdown and
# ruby-kramdown-parser-gfm (installed by scripts/setup.sh --test).
require 'kramdown'
require 'kramdown-parser-gfm'

ARGV.each do |path|
  src = File.read(path, encoding: 'UTF-8')
  html = Kramdown::Document.new(src, input: 'GFM', auto_ids: true, hard_wrap: false).to_html
  html.scan(/<h[1-6](?: id="([^"]*)")?>/) { |m| puts "#{path}\t#{(m[0] || '').gsub('&amp;', '&')}" }
end
