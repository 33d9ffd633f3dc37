package org.staypuft.cli;

/** {@code --output}: words and tables for people, or JSON only for scripts. */
public enum OutputFormat {
    text,
    json
}
