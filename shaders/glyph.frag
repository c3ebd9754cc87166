#version 330 core
in vec2 vUv;
flat in vec4 vColor;

uniform sampler2D uAtlas; // one channel: glyph coverage

out vec4 fragColor;

void main()
{
    float alpha = texture(uAtlas, vUv).r * vColor.a;
    if (alpha <= 0.0)
        discard;
    fragColor = vec4(vColor.rgb, alpha);
}
