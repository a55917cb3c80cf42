-- Each product carries the count and the rating sum of its published reviews, so that lists can rank
-- and show them without counting reviews product by product (a category of thousands of products).
-- A trigger keeps them whatever writes the reviews.
ALTER TABLE catalog.product
    ADD COLUMN review_count INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN rating_sum   INTEGER NOT NULL DEFAULT 0;

UPDATE catalog.product p
SET review_count = r.n, rating_sum = r.s
FROM (SELECT product_id, count(*) AS n, sum(rating) AS s
      FROM catalog.review WHERE status = 'PUBLISHED' GROUP BY product_id) r
WHERE r.product_id = p.id;

CREATE FUNCTION catalog.count_published_reviews() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'PUBLISHED' THEN
        UPDATE catalog.product SET review_count = review_count - 1, rating_sum = rating_sum - OLD.rating
        WHERE id = OLD.product_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'PUBLISHED' THEN
        UPDATE catalog.product SET review_count = review_count + 1, rating_sum = rating_sum + NEW.rating
        WHERE id = NEW.product_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER review_counts
    AFTER INSERT OR DELETE OR UPDATE OF status, rating, product_id ON catalog.review
    FOR EACH ROW EXECUTE FUNCTION catalog.count_published_reviews();

-- Similar products: a category's published products, the most reviewed first, read in index order.
CREATE INDEX product_similar_idx ON catalog.product (category_id, review_count DESC, published_at DESC, slug)
    WHERE status = 'PUBLISHED';
