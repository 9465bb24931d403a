package workbench.validate;

/** How bad a {@link Finding} is: an ERROR makes the API server or istiod refuse the object, a WARNING does not. */
public enum Severity { ERROR, WARNING }
