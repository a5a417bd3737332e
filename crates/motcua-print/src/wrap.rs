//! Breaking text into lines that fit a width: at spaces, and inside a word only when the
//! word alone is wider than the line (a long code or address with no spaces).

use crate::font::Font;

/// The lines of `text` at `size` points within `width`. A line break in the text starts
/// a new line; runs of spaces collapse to one. Empty text gives no lines.
pub(crate) fn wrap(font: &Font, size: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        let space = font.width(" ", size);
        for word in paragraph.split_whitespace() {
            let word_width = font.width(word, size);
            if line.is_empty() {
                place_word(font, size, width, word, word_width, &mut line, &mut line_width, &mut lines);
            } else if line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
            } else {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
                place_word(font, size, width, word, word_width, &mut line, &mut line_width, &mut lines);
            }
        }
        lines.push(line);
    }
    // A trailing newline or an empty text leaves empty lines that print as nothing.
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Starts an empty line with `word`, cutting the word where it overflows the line.
#[allow(clippy::too_many_arguments)]
fn place_word(
    font: &Font,
    size: f32,
    width: f32,
    word: &str,
    word_width: f32,
    line: &mut String,
    line_width: &mut f32,
    lines: &mut Vec<String>,
) {
    if word_width <= width {
        line.push_str(word);
        *line_width = word_width;
        return;
    }
    for c in word.chars() {
        let w = font.width(c.encode_utf8(&mut [0; 4]), size);
        // At least one character per line, however narrow the column.
        if !line.is_empty() && *line_width + w > width {
            lines.push(std::mem::take(line));
            *line_width = 0.0;
        }
        line.push(c);
        *line_width += w;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::Fonts;

    #[test]
    fn words_fill_each_line_without_exceeding_the_width() {
        let fonts = Fonts::load().unwrap();
        let text = "Đăng ký định danh điện tử mức 2 cho công dân từ đủ 14 tuổi trở lên tại công an phường";
        let lines = wrap(&fonts.regular, 16.0, text, 200.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for (i, line) in lines.iter().enumerate() {
            assert!(fonts.regular.width(line, 16.0) <= 200.0, "{line}");
            // Greedy: the next line's first word would not have fitted.
            if let Some(next) = lines.get(i + 1) {
                let first = next.split(' ').next().unwrap();
                assert!(fonts.regular.width(&format!("{line} {first}"), 16.0) > 200.0);
            }
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn line_breaks_are_kept_and_spaces_collapse() {
        let fonts = Fonts::load().unwrap();
        let lines = wrap(&fonts.regular, 16.0, "Bước 1:  mở ứng dụng\n\nBước 2\n", 500.0);
        assert_eq!(lines, ["Bước 1: mở ứng dụng", "", "Bước 2"]);
        assert!(wrap(&fonts.regular, 16.0, "", 500.0).is_empty());
        assert!(wrap(&fonts.regular, 16.0, "  \n ", 500.0).is_empty());
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let fonts = Fonts::load().unwrap();
        let code = "0123456789".repeat(6);
        let lines = wrap(&fonts.regular, 16.0, &format!("Mã hồ sơ: {code}"), 150.0);
        assert_eq!(lines[0], "Mã hồ sơ:");
        assert!(lines.len() >= 4, "{lines:?}");
        assert!(lines.iter().all(|l| fonts.regular.width(l, 16.0) <= 150.0));
        assert_eq!(lines[1..].concat(), code);
        // A column narrower than one letter still makes progress.
        assert_eq!(wrap(&fonts.regular, 16.0, "ab", 1.0), ["a", "b"]);
    }
}
