"""Stripformer in PyTorch, written from docs/stripformer-network.md (which follows the public code of the report and
of the ECCV 2022 paper), used only to make reference files for the TorchSharp tests. Configurable widths, so that a
tiny network with the same names and structure can be committed as a PyTorch state_dict."""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self, head_num):
        super().__init__()
        self.num_attention_heads = head_num
        self.softmax = nn.Softmax(dim=-1)

    def transpose_for_scores(self, x):
        B, N, C = x.size()
        x = x.view(B, N, self.num_attention_heads, C // self.num_attention_heads)
        return x.permute(0, 2, 1, 3)

    def forward(self, q, k, v):
        B, N, C = q.size()
        q, k, v = self.transpose_for_scores(q), self.transpose_for_scores(k), self.transpose_for_scores(v)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.size(-1))
        out = torch.matmul(self.softmax(scores), v).permute(0, 2, 1, 3).contiguous()
        return out.view(B, N, C)


class Mlp(nn.Module):
    def __init__(self, hidden_size):
        super().__init__()
        self.fc1 = nn.Linear(hidden_size, 4 * hidden_size)
        self.fc2 = nn.Linear(4 * hidden_size, hidden_size)
        self.act_fn = nn.GELU()

    def forward(self, x):
        return self.fc2(self.act_fn(self.fc1(x)))


class PEG(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.PEG = nn.Conv2d(dim, dim, 3, 1, 1, bias=True, groups=dim)

    def forward(self, x):
        return self.PEG(x) + x


def _norm(norm, x):
    B, C, H, W = x.size()
    x = x.view(B, C, H * W).permute(0, 2, 1).contiguous()
    return norm(x).permute(0, 2, 1).contiguous().view(B, C, H, W)


def _tail(block, x):
    B, C, H, W = x.size()
    x = x.view(B, C, H * W).permute(0, 2, 1).contiguous()
    x = x + block.ffn(block.ffn_norm(x))
    x = x.permute(0, 2, 1).contiguous().view(B, C, H, W)
    return block.PEG(x)


class Intra_SA(nn.Module):
    def __init__(self, dim, head_num):
        super().__init__()
        self.hidden_size = dim // 2
        self.head_num = head_num
        self.attention_norm = nn.LayerNorm(dim)
        self.conv_input = nn.Conv2d(dim, dim, kernel_size=1, padding=0)
        self.qkv_local_h = nn.Linear(self.hidden_size, self.hidden_size * 3)
        self.qkv_local_v = nn.Linear(self.hidden_size, self.hidden_size * 3)
        self.fuse_out = nn.Conv2d(dim, dim, kernel_size=1, padding=0)
        self.ffn_norm = nn.LayerNorm(dim)
        self.ffn = Mlp(dim)
        self.attn = Attention(head_num)
        self.PEG = PEG(dim)

    def forward(self, x):
        h = x
        B, C, H, W = x.size()
        x_input = torch.chunk(self.conv_input(_norm(self.attention_norm, x)), 2, dim=1)
        feature_h = x_input[0].permute(0, 2, 3, 1).contiguous().view(B * H, W, C // 2)
        feature_v = x_input[1].permute(0, 3, 2, 1).contiguous().view(B * W, H, C // 2)
        q_h, k_h, v_h = torch.chunk(self.qkv_local_h(feature_h), 3, dim=2)
        q_v, k_v, v_v = torch.chunk(self.qkv_local_v(feature_v), 3, dim=2)
        out_h = self.attn(q_h, k_h, v_h).view(B, H, W, C // 2).permute(0, 3, 1, 2).contiguous()
        out_v = self.attn(q_v, k_v, v_v).view(B, W, H, C // 2).permute(0, 3, 2, 1).contiguous()
        x = self.fuse_out(torch.cat((out_h, out_v), dim=1)) + h
        return _tail(self, x)


class Inter_SA(nn.Module):
    def __init__(self, dim, head_num):
        super().__init__()
        self.hidden_size = dim
        self.head_num = head_num
        self.attention_norm = nn.LayerNorm(dim)
        self.conv_input = nn.Conv2d(dim, dim, kernel_size=1, padding=0)
        self.conv_h = nn.Conv2d(dim // 2, 3 * (dim // 2), kernel_size=1, padding=0)
        self.conv_v = nn.Conv2d(dim // 2, 3 * (dim // 2), kernel_size=1, padding=0)
        self.ffn_norm = nn.LayerNorm(dim)
        self.ffn = Mlp(dim)
        self.fuse_out = nn.Conv2d(dim, dim, kernel_size=1, padding=0)
        self.attn = Attention(head_num)
        self.PEG = PEG(dim)

    def forward(self, x):
        h = x
        B, C, H, W = x.size()
        x_input = torch.chunk(self.conv_input(_norm(self.attention_norm, x)), 2, dim=1)
        qh, kh, vh = torch.chunk(self.conv_h(x_input[0]), 3, dim=1)
        qv, kv, vv = torch.chunk(self.conv_v(x_input[1]), 3, dim=1)
        rows = lambda t: t.permute(0, 2, 1, 3).contiguous().view(B, H, -1)
        cols = lambda t: t.permute(0, 3, 1, 2).contiguous().view(B, W, -1)
        out_h = self.attn(rows(qh), rows(kh), rows(vh)).view(B, H, C // 2, W).permute(0, 2, 1, 3).contiguous()
        out_v = self.attn(cols(qv), cols(kv), cols(vv)).view(B, W, C // 2, H).permute(0, 2, 3, 1).contiguous()
        x = self.fuse_out(torch.cat((out_h, out_v), dim=1)) + h
        return _tail(self, x)


def _branch(cin, cout, k=3):
    return nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2), nn.LeakyReLU(0.2, True), nn.Conv2d(cout, cout, 3, padding=1))


class Embeddings(nn.Module):
    def __init__(self, c1, c2, c3):
        super().__init__()
        self.activation = nn.LeakyReLU(0.2, True)
        self.en_layer1_1 = nn.Sequential(nn.Conv2d(3, c1, 3, padding=1), self.activation)
        self.en_layer1_2 = _branch(c1, c1)
        self.en_layer1_3 = _branch(c1, c1)
        self.en_layer1_4 = _branch(c1, c1)
        self.en_layer2_1 = nn.Sequential(nn.Conv2d(c1, c2, 3, stride=2, padding=1), self.activation)
        self.en_layer2_2 = _branch(c2, c2)
        self.en_layer2_3 = _branch(c2, c2)
        self.en_layer2_4 = _branch(c2, c2)
        self.en_layer3_1 = nn.Sequential(nn.Conv2d(c2, c3, 3, stride=2, padding=1), self.activation)

    def forward(self, x):
        hx = self.en_layer1_1(x)
        for layer in (self.en_layer1_2, self.en_layer1_3, self.en_layer1_4):
            hx = self.activation(layer(hx) + hx)
        r1 = hx
        hx = self.en_layer2_1(hx)
        for layer in (self.en_layer2_2, self.en_layer2_3, self.en_layer2_4):
            hx = self.activation(layer(hx) + hx)
        r2 = hx
        return self.en_layer3_1(hx), r1, r2


class Embeddings_output(nn.Module):
    def __init__(self, c1, c2, c3, dim, heads):
        super().__init__()
        self.activation = nn.LeakyReLU(0.2, True)
        self.de_layer3_1 = nn.Sequential(nn.ConvTranspose2d(c3, dim, 4, stride=2, padding=1), self.activation)
        self.de_layer2_2 = nn.Sequential(nn.Conv2d(dim + c2, dim, 1, padding=0), self.activation)
        self.de_block_1 = Intra_SA(dim, heads)
        self.de_block_2 = Inter_SA(dim, heads)
        self.de_block_3 = Intra_SA(dim, heads)
        self.de_block_4 = Inter_SA(dim, heads)
        self.de_block_5 = Intra_SA(dim, heads)
        self.de_block_6 = Inter_SA(dim, heads)
        self.de_layer2_1 = nn.Sequential(nn.ConvTranspose2d(dim, c1, 4, stride=2, padding=1), self.activation)
        self.de_layer1_3 = _branch(2 * c1, c1, k=1)
        self.de_layer1_2 = _branch(c1, c1)
        self.de_layer1_1 = nn.Sequential(nn.Conv2d(c1, 3, 3, padding=1), self.activation)

    def forward(self, x, r1, r2):
        hx = self.de_layer2_2(torch.cat((self.de_layer3_1(x), r2), dim=1))
        for block in (self.de_block_1, self.de_block_2, self.de_block_3, self.de_block_4, self.de_block_5, self.de_block_6):
            hx = block(hx)
        hx = self.de_layer2_1(hx)
        hx = self.activation(self.de_layer1_3(torch.cat((hx, r1), dim=1)) + hx)
        hx = self.activation(self.de_layer1_2(hx) + hx)
        return self.de_layer1_1(hx)


class Stripformer(nn.Module):
    def __init__(self, c1=32, c2=64, c3=128, heads=2, dec_dim=64, dec_heads=2, sigmoid=True, shift=0.0):
        super().__init__()
        self.encoder = Embeddings(c1, c2, c3)
        for i in range(1, 13):
            setattr(self, f"Trans_block_{i}", (Intra_SA if i % 2 else Inter_SA)(c3, heads))
        self.decoder = Embeddings_output(c1, c2, c3, dec_dim, dec_heads)
        self.sigmoid, self.shift = sigmoid, shift

    def forward(self, x):
        H, W = x.shape[2], x.shape[3]
        x = x + self.shift
        ph, pw = (4 - H % 4) % 4, (4 - W % 4) % 4
        if ph or pw:
            x = F.pad(x, (0, pw, 0, ph), mode="reflect" if ph < H and pw < W else "replicate")
        hx, r1, r2 = self.encoder(x)
        for i in range(1, 13):
            hx = getattr(self, f"Trans_block_{i}")(hx)
        out = self.decoder(hx, r1, r2) + x
        out = torch.sigmoid(out) if self.sigmoid else out
        return (out - self.shift)[:, :, :H, :W]


SEED = dict(c1=32, c2=64, c3=128, heads=2, dec_dim=64, dec_heads=2)
PAPER = dict(c1=64, c2=128, c3=320, heads=5, dec_dim=192, dec_heads=3)
TINY = dict(c1=4, c2=8, c3=8, heads=2, dec_dim=8, dec_heads=2)
