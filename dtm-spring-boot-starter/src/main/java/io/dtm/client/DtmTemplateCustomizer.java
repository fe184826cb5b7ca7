package io.dtm.client;

/**
 * Callback to customize the auto-configured {@link DtmTemplate} before it is used. Every
 * customizer bean is applied in {@link org.springframework.core.Ordered} order; later
 * customizers override what earlier ones set.
 */
@FunctionalInterface
public interface DtmTemplateCustomizer {

	/**
	 * Customize the template.
	 * @param template the template
	 */
	void customize(DtmTemplate template);

}
