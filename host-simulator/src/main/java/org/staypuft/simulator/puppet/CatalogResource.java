package org.staypuft.simulator.puppet;

/**
 * One resource of a simulated catalog.
 *
 * @param type Puppet's capitalised type, e.g. {@code Service}
 * @param title e.g. {@code puppet}
 * @param containingClass the class that declares it, e.g. {@code Role::Controller}
 */
public record CatalogResource(String type, String title, String containingClass) {

    /** The reference puppet uses in reports and logs: {@code Service[puppet]}. */
    public String ref() {
        return type + "[" + title + "]";
    }

    /** The path puppet prints in its log lines: {@code /Stage[main]/Role::Controller/Service[puppet]}. */
    public String path() {
        return "/Stage[main]/" + containingClass + "/" + ref();
    }

    public static CatalogResource parse(String ref, String containingClass) {
        int open = ref.indexOf('[');
        if (open <= 0 || !ref.endsWith("]")) {
            throw new IllegalArgumentException("Not a resource reference like Type[title]: " + ref);
        }
        return new CatalogResource(ref.substring(0, open), ref.substring(open + 1, ref.length() - 1), containingClass);
    }
}
