package dev.sluice.converters.protobuf.text;

import java.io.ByteArrayOutputStream;

/**
 * Splits {@code .proto} text into tokens: identifiers (letters, digits, underscores), numbers,
 * string literals (with C escapes, adjacent literals concatenated) and single-character symbols.
 * Comments and whitespace are skipped. Positions are kept for error messages.
 */
final class ProtoTokenizer {

  /** Token kinds. */
  enum Kind {
    IDENT,
    NUMBER,
    STRING,
    SYMBOL,
    EOF
  }

  /**
   * One token.
   *
   * @param kind the kind
   * @param text identifier or number text, the symbol, or the raw (escaped) string body
   * @param bytes the decoded bytes of a string literal, else null
   * @param line 1-based line
   * @param column 1-based column
   * @param start offset of the token in the input
   */
  record Token(Kind kind, String text, byte[] bytes, int line, int column, int start) {
    boolean is(String s) {
      return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(s);
    }
  }

  private final String input;
  private int pos;
  private int line = 1;
  private int lineStart;
  private Token peeked;

  ProtoTokenizer(String input) {
    this.input = input;
  }

  String input() {
    return input;
  }

  /** The next token without consuming it. */
  Token peek() {
    if (peeked == null) {
      peeked = read();
    }
    return peeked;
  }

  /** Consumes and returns the next token. */
  Token next() {
    Token t = peek();
    peeked = null;
    return t;
  }

  /** Offset just after the last consumed token (or of the peeked token's start when peeked). */
  int position() {
    return peeked != null ? peeked.start() : pos;
  }

  /** Moves to an absolute offset, forgetting any peeked token; used to skip aggregate values. */
  void resetTo(int offset) {
    peeked = null;
    for (int i = pos; i < offset && i < input.length(); i++) {
      if (input.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    pos = offset;
  }

  ProtoSyntaxException error(Token at, String message) {
    return new ProtoSyntaxException(message, at.line(), at.column());
  }

  private Token read() {
    skipSpaceAndComments();
    int start = pos;
    int col = pos - lineStart + 1;
    if (pos >= input.length()) {
      return new Token(Kind.EOF, "<end of file>", null, line, col, start);
    }
    char c = input.charAt(pos);
    if (Character.isLetter(c) || c == '_') {
      while (pos < input.length() && isIdentPart(input.charAt(pos))) {
        pos++;
      }
      return new Token(Kind.IDENT, input.substring(start, pos), null, line, col, start);
    }
    if (Character.isDigit(c) || (c == '.' && pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1)))) {
      while (pos < input.length()) {
        char d = input.charAt(pos);
        if (Character.isLetterOrDigit(d) || d == '.' || d == '_') {
          pos++;
        } else if ((d == '+' || d == '-') && (input.charAt(pos - 1) == 'e' || input.charAt(pos - 1) == 'E')
            && !input.substring(start, pos).startsWith("0x") && !input.substring(start, pos).startsWith("0X")) {
          pos++;
        } else {
          break;
        }
      }
      return new Token(Kind.NUMBER, input.substring(start, pos), null, line, col, start);
    }
    if (c == '"' || c == '\'') {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      readString(bytes, line, col);
      // Adjacent string literals are one string, as in C.
      while (true) {
        int save = pos;
        int saveLine = line;
        int saveLineStart = lineStart;
        skipSpaceAndComments();
        if (pos < input.length() && (input.charAt(pos) == '"' || input.charAt(pos) == '\'')) {
          readString(bytes, line, pos - lineStart + 1);
        } else {
          pos = save;
          line = saveLine;
          lineStart = saveLineStart;
          break;
        }
      }
      return new Token(Kind.STRING, input.substring(start, pos), bytes.toByteArray(), line, col, start);
    }
    pos++;
    return new Token(Kind.SYMBOL, String.valueOf(c), null, line, col, start);
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private void skipSpaceAndComments() {
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '/' && pos + 1 < input.length() && input.charAt(pos + 1) == '/') {
        while (pos < input.length() && input.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/' && pos + 1 < input.length() && input.charAt(pos + 1) == '*') {
        int end = input.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new ProtoSyntaxException("unterminated block comment", line, pos - lineStart + 1);
        }
        for (int i = pos; i < end; i++) {
          if (input.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private void readString(ByteArrayOutputStream out, int startLine, int startCol) {
    char quote = input.charAt(pos++);
    while (true) {
      if (pos >= input.length() || input.charAt(pos) == '\n') {
        throw new ProtoSyntaxException("unterminated string literal", startLine, startCol);
      }
      char c = input.charAt(pos++);
      if (c == quote) {
        return;
      }
      if (c != '\\') {
        if (c < 0x80) {
          out.write(c);
        } else {
          int cp = c;
          if (Character.isHighSurrogate(c) && pos < input.length() && Character.isLowSurrogate(input.charAt(pos))) {
            cp = Character.toCodePoint(c, input.charAt(pos++));
          }
          byte[] utf8 = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          out.write(utf8, 0, utf8.length);
        }
        continue;
      }
      if (pos >= input.length()) {
        throw new ProtoSyntaxException("unterminated escape in string literal", startLine, startCol);
      }
      char e = input.charAt(pos++);
      switch (e) {
        case 'a' -> out.write(7);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'v' -> out.write(11);
        case '\\', '\'', '"', '?' -> out.write(e);
        case 'x', 'X' -> {
          int v = 0;
          int n = 0;
          while (n < 2 && pos < input.length() && Character.digit(input.charAt(pos), 16) >= 0) {
            v = v * 16 + Character.digit(input.charAt(pos++), 16);
            n++;
          }
          if (n == 0) {
            throw new ProtoSyntaxException("\\x without hex digits in string literal", startLine, startCol);
          }
          out.write(v);
        }
        case 'u', 'U' -> {
          int digits = e == 'u' ? 4 : 8;
          int v = 0;
          for (int i = 0; i < digits; i++) {
            if (pos >= input.length() || Character.digit(input.charAt(pos), 16) < 0) {
              throw new ProtoSyntaxException("bad \\" + e + " escape in string literal", startLine, startCol);
            }
            v = v * 16 + Character.digit(input.charAt(pos++), 16);
          }
          byte[] utf8 = new String(Character.toChars(v)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          out.write(utf8, 0, utf8.length);
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            int n = 1;
            while (n < 3 && pos < input.length() && input.charAt(pos) >= '0' && input.charAt(pos) <= '7') {
              v = v * 8 + (input.charAt(pos++) - '0');
              n++;
            }
            out.write(v & 0xFF);
          } else {
            throw new ProtoSyntaxException("unknown escape \\" + e + " in string literal", startLine, startCol);
          }
        }
      }
    }
  }
}
