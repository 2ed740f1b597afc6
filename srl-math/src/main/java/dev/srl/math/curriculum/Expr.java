package dev.srl.math.curriculum;

/** A small integer expression tree that prints itself with the fewest parentheses. */
sealed interface Expr {

    long value();

    /** The expression with its leftmost innermost operation (the next to evaluate) replaced by its result. */
    Expr reduce();

    /** The leftmost innermost operation, the one {@link #reduce()} evaluates. */
    Op next();

    record Num(long v) implements Expr {
        @Override public long value() { return v; }
        @Override public Expr reduce() { throw new IllegalStateException("a number does not reduce"); }
        @Override public Op next() { return null; }
        @Override public String toString() { return Long.toString(v); }
    }

    record Op(char op, Expr left, Expr right) implements Expr {
        @Override
        public long value() {
            long a = left.value();
            long b = right.value();
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                default -> throw new IllegalStateException("operator " + op);
            };
        }

        @Override
        public Expr reduce() {
            if (left instanceof Op) return new Op(op, left.reduce(), right);
            if (right instanceof Op) return new Op(op, left, right.reduce());
            return new Num(value());
        }

        @Override
        public Op next() {
            if (left instanceof Op l) return l.next();
            if (right instanceof Op r) return r.next();
            return this;
        }

        static int precedence(Expr e) {
            return e instanceof Op o ? (o.op == '*' ? 2 : 1) : 3;
        }

        @Override
        public String toString() {
            int p = precedence(this);
            String l = precedence(left) < p ? "(" + left + ")" : left.toString();
            // a right operand of equal precedence needs brackets after '-' (a - (b + c)) and is kept explicit after '*'
            boolean wrapRight = precedence(right) < p || (precedence(right) == p && op != '+');
            String r = wrapRight ? "(" + right + ")" : right.toString();
            return l + " " + op + " " + r;
        }
    }
}
